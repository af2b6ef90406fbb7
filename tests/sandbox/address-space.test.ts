import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  addressSpaceLimit,
  isolationLayers,
  nodeFlags,
  probeIsolation,
  wrapCommand,
} from '../../grader/sandbox/_internal/isolation-layers';
import { resolveSandboxOptions } from '../../grader/sandbox/sandbox-options';

/*
 * The address-space limit (prlimit --as) is measured for the Node that runs the children. With it, a child
 * of this Node starts, a heap that grows without end is stopped by the heap cap (which the student is told
 * about), and ArrayBuffers, which the heap cap does not count, are stopped by the limit.
 */

const options = resolveSandboxOptions();
const probe = probeIsolation(options);
const scratch = mkdtempSync(join(tmpdir(), 'gd-kit-address-space-'));
chmodSync(scratch, 0o755);
const MIB = 2 ** 20;

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs `source` as a child runs its runner: every layer the pool uses, the same flags and limits; only this file may be read. */
function runAsChild(name: string, source: string) {
  const script = join(scratch, `${name}.cjs`);
  writeFileSync(script, source, { mode: 0o644 });
  const { command, args } = wrapCommand(probe, options, options.userIds.first, [
    process.execPath,
    ...nodeFlags(options, script),
    script,
  ]);
  const run = spawnSync(command, args, { env: {}, cwd: '/', encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, signal: run.signal, stdout: run.stdout, stderr: run.stderr };
}

/** The largest heap V8 reports in the "Last few GCs" it prints when it gives up, in MiB. */
function heapAtDeath(stderr: string): number {
  return Math.max(
    0,
    ...[...stderr.matchAll(/(?:Scavenge|Mark-Compact|Mark-sweep)[^\d\n]*([\d.]+) \([\d.]+\) ->/g)].map((m) =>
      Number(m[1]),
    ),
  );
}

const HEAP_BOMBS = {
  'an array pushed to': 'const a = []; for (let i = 0; ; i++) a.push(i + 0.5);',
  'arrays of numbers': 'const h = []; for (;;) h.push(new Array(1_000_000).fill(1));',
};

describe.skipIf(!probe.prlimit)('the address-space limit', () => {
  const limit = probe.prlimit!.addressSpace;

  it(`is measured for this Node (${process.version}) and reported with the layer`, () => {
    expect(limit.measured).toBeDefined();
    const { startupBytes, headroomBytes } = limit.measured!;
    expect(limit.bytes).toBe(startupBytes + headroomBytes);
    // Node 20 and 22 map about 650 MiB at start-up, Node 24 about 1 050 MiB.
    expect(startupBytes).toBeGreaterThan(256 * MIB);
    expect(headroomBytes).toBe((2 * options.heapMb + 768) * MIB);
    // The same on every run, so that two gradings print the same layers.
    expect(addressSpaceLimit(options)).toEqual(limit);
    const reported = isolationLayers(probe, options).find(
      (layer) => layer.name === 'resource limits (prlimit)',
    )!.detail;
    expect(reported).toContain(
      `address space ${Math.round(limit.bytes / MIB)} MiB (ArrayBuffers included; Node ${process.versions.node} starts in ${Math.round(startupBytes / MIB)} MiB, plus ${Math.round(headroomBytes / MIB)} MiB of headroom)`,
    );
  });

  it('turns off only the limits layer, saying why, when a limit set outright leaves Node too little to start', () => {
    const tooSmall = resolveSandboxOptions({ addressSpaceBytes: 256 * MIB });
    const layers = new Map(isolationLayers(probeIsolation(tooSmall), tooSmall).map((layer) => [layer.name, layer]));
    expect(layers.get('resource limits (prlimit)')).toMatchObject({
      active: false,
      detail: expect.stringContaining('is addressSpaceBytes too small for this Node?'),
    });
    expect(layers.get('no network (unshare)')!.active).toBe(Boolean(probe.unshare));
    expect(layers.get('unprivileged user (setpriv)')!.active).toBe(Boolean(probe.setpriv));
  });

  it('lets a child start, build a realm and answer', () => {
    const run = runAsChild(
      'starts',
      'const vm = require("node:vm"); process.stdout.write(String(vm.runInContext("6 * 7", vm.createContext({}))));',
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('42');
  });

  for (const [name, bomb] of Object.entries(HEAP_BOMBS)) {
    it(`leaves a heap that grows without end (${name}) to the heap cap`, () => {
      const run = runAsChild('heap-bomb', bomb);
      expect(run.signal ?? run.status).not.toBe(0);
      expect(run.stderr).toMatch(/JavaScript heap out of memory/);
      // Stopped by the address space instead, V8 dies with a heap far below its cap (58 MiB of 256 under the old fixed 1 GiB on Node 20).
      expect(heapAtDeath(run.stderr)).toBeGreaterThanOrEqual(0.9 * options.heapMb);
    });
  }

  it('stops ArrayBuffers, which the heap cap does not count, at the limit', () => {
    // One '+' per 16 MiB taken: V8 either throws or dies in the GC it runs when memory runs short, and the count tells how far it got.
    const run = runAsChild(
      'arraybuffer-bomb',
      `
      const hoard = [];
      for (;;) {
        hoard.push(new ArrayBuffer(${16 * MIB}));
        require('node:fs').writeSync(1, '+');
      }
    `,
    );
    expect(run.stderr).toMatch(/RangeError: Array buffer allocation failed|out of memory/);
    const bytes = run.stdout.length * 16 * MIB;
    // More than the heap cap's worth, less than the limit less what Node maps at start-up.
    expect(bytes).toBeGreaterThan(options.heapMb * MIB);
    expect(bytes).toBeLessThan(limit.bytes - limit.measured!.startupBytes);
  });
});
