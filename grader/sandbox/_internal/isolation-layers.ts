import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { IsolationLayer } from '../../shipped/door/port';
import type { ResolvedSandboxOptions } from '../sandbox-options';

/** Which OS layers could be used on this machine, found once by trying each. */
export interface IsolationProbe {
  readonly unshare?: { readonly path: string; readonly flags: readonly string[] };
  readonly setpriv?: { readonly path: string };
  /** With the address-space limit the children get. */
  readonly prlimit?: { readonly path: string; readonly addressSpace: AddressSpaceLimit };
  /** Why a layer is off, by layer. */
  readonly reasons: { readonly unshare?: string; readonly setpriv?: string; readonly prlimit?: string };
}

/** The address-space limit of a child (prlimit --as) and where it comes from. */
export interface AddressSpaceLimit {
  readonly bytes: number;
  /** When it was measured: what the children's Node maps at start-up with their flags (its VmPeak, up to a multiple of 16 MiB), and what is allowed on top. */
  readonly measured?: { readonly startupBytes: number; readonly headroomBytes: number };
}

/** The options that decide how a child is started, apart from its runner file. */
export type LaunchOptions = Pick<
  ResolvedSandboxOptions,
  | 'layers'
  | 'heapMb'
  | 'stackKb'
  | 'addressSpaceBytes'
  | 'addressSpaceHeadroomBytes'
  | 'cpuSeconds'
  | 'maxProcesses'
  | 'maxOpenFiles'
  | 'userIds'
>;

const PROBE_UID = 65534;
const STACK_RLIMIT_BYTES = 8 * 1024 * 1024;
const PROC_STATUS = '/proc/self/status';
/** Prints the process's peak address space in bytes, as Linux counts it for RLIMIT_AS. */
const PRINT_VM_PEAK = `process.stdout.write(String(1024 * Number(/^VmPeak:\\s*(\\d+) kB/m.exec(require('node:fs').readFileSync('${PROC_STATUS}', 'latin1'))[1])))`;
const ONE_MALLOC_ARENA = { MALLOC_ARENA_MAX: '1' };
const STARTUP_GRAIN_BYTES = 16 * 1024 * 1024;
const probes = new Map<string, IsolationProbe>();

/** The permission flag of this Node: `--permission` from 22.13 / 23.5 on, `--experimental-permission` before. */
export function permissionFlag(version = process.versions.node): string {
  const [major, minor] = version.split('.').map(Number);
  const stable = major > 23 || (major === 23 && minor >= 5) || (major === 22 && minor >= 13);
  return stable ? '--permission' : '--experimental-permission';
}

/**
 * V8 flags that make a child cheaper. A child lives a tenth of a second, runs each function a few
 * hundred times, and shares the machine with other children and the grader, which keep every core busy:
 * - `--interrupt-budget=300000`: with V8's default tier-up budget the child spent more on optimising
 *   code than the optimised code gave back (8 % less CPU per child);
 * - `--no-concurrent-recompilation`: optimised code is compiled on the child's own thread, as a
 *   helper thread costs more in coordination than it saves a process this short (5 % less CPU per
 *   child). `--single-threaded` saves as much, but it also takes the GC's helpers, and a memory
 *   bomb then runs past its call's timeout before the heap cap stops it.
 *
 * Both are measured in bench/LOG.md. They go on the command line, because `v8.setFlagsFromString`
 * would make the runner load `node:v8`, which loads the streams modules: about 5 ms a child (4.8
 * measured), more than the flags cost Node's start-up (1.6 ms).
 */
const CHILD_V8_FLAGS = ['--interrupt-budget=300000', '--no-concurrent-recompilation'];
let acceptedV8Flags: readonly string[] | undefined;

/** The child's V8 flags that this Node still takes (Node refuses to start on a flag it does not know): one probe, or one per flag if they are not all taken. */
function childV8Flags(): readonly string[] {
  acceptedV8Flags ??= nodeTakes(CHILD_V8_FLAGS) ? CHILD_V8_FLAGS : CHILD_V8_FLAGS.filter((flag) => nodeTakes([flag]));
  return acceptedV8Flags;
}

function nodeTakes(flags: readonly string[]): boolean {
  return tryRun(process.execPath, [...flags, '--version']) === undefined;
}

export function nodeFlags(options: LaunchOptions, runnerPath: string): string[] {
  return [
    ...childV8Flags(),
    permissionFlag(),
    `--allow-fs-read=${runnerPath}`,
    '--disallow-code-generation-from-strings',
    `--max-old-space-size=${options.heapMb}`,
    `--stack-size=${options.stackKb}`,
    '--no-addons',
    '--no-warnings',
  ];
}

/** Tries each OS layer on its own, then all together, with the options given; the result is kept for the process. */
export function probeIsolation(options: LaunchOptions): IsolationProbe {
  const {
    layers,
    heapMb,
    stackKb,
    addressSpaceBytes,
    addressSpaceHeadroomBytes,
    cpuSeconds,
    maxProcesses,
    maxOpenFiles,
    userIds,
  } = options;
  const key = JSON.stringify([
    process.execPath,
    layers,
    heapMb,
    stackKb,
    addressSpaceBytes,
    addressSpaceHeadroomBytes,
    cpuSeconds,
    maxProcesses,
    maxOpenFiles,
    userIds,
  ]);
  let probe = probes.get(key);
  if (!probe) {
    probe = combined(options, individually(options));
    probes.set(key, probe);
  }
  return probe;
}

/**
 * The child's address-space limit: `addressSpaceBytes` when given, otherwise what this Node maps at start-up
 * with the child's own flags (one `node -e` that reads its VmPeak) plus `addressSpaceHeadroomBytes`. Node 24
 * maps about 1.05 GiB before it runs a line, Node 20 and 22 about 0.65 GiB, so no one number fits them all.
 *
 * The start-up is measured with one malloc arena (glibc's MALLOC_ARENA_MAX=1; other C libraries ignore it):
 * how many 64 MiB arenas a process has mapped depends on how its threads happened to race, so Node 24 would
 * measure 1 245 or 1 309 MiB from one run to the next. Without them every run measures the same, the limit
 * and the reports that print it are the same on every run, and the headroom counts the arenas. The few pages
 * it still varies by (up to 140 KiB) are rounded away: the start-up is taken up to a multiple of 16 MiB.
 */
export function addressSpaceLimit(options: LaunchOptions): AddressSpaceLimit | { readonly failure: string } {
  if (options.addressSpaceBytes !== undefined) return { bytes: options.addressSpaceBytes };
  const run = spawnSync(process.execPath, [...nodeFlags(options, PROC_STATUS), '-e', PRINT_VM_PEAK], {
    env: ONE_MALLOC_ARENA,
    cwd: '/',
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 10_000,
  });
  const vmPeak = Number(run.stdout);
  if (run.status !== 0 || !Number.isSafeInteger(vmPeak) || vmPeak <= 0) {
    const why =
      run.error?.message ??
      (run.stderr.trim().split('\n')[0] ||
        `exit code ${run.status}, printed ${JSON.stringify(run.stdout.slice(0, 80))}`);
    return {
      failure: `could not measure the address space ${process.execPath} maps at start-up (${why}); set addressSpaceBytes in the sandbox options`,
    };
  }
  const startupBytes = Math.ceil(vmPeak / STARTUP_GRAIN_BYTES) * STARTUP_GRAIN_BYTES;
  const headroomBytes = options.addressSpaceHeadroomBytes;
  return { bytes: startupBytes + headroomBytes, measured: { startupBytes, headroomBytes } };
}

function individually(options: LaunchOptions): IsolationProbe {
  const reasons: { unshare?: string; setpriv?: string; prlimit?: string } = {};
  const root = process.getuid?.() === 0;
  let unshare: IsolationProbe['unshare'];
  let setpriv: IsolationProbe['setpriv'];
  let prlimit: IsolationProbe['prlimit'];

  if (!options.layers.network) reasons.unshare = 'turned off by the options';
  else {
    const path = findTool('unshare');
    if (!path) reasons.unshare = 'unshare (util-linux) is not installed';
    else {
      const candidates = root ? [['-n'], ['-U', '-n']] : [['-U', '-n']];
      const failures: string[] = [];
      for (const flags of candidates) {
        const failure = tryRun(path, [...flags, '--', ...nodeVersion()]);
        if (!failure) {
          unshare = { path, flags };
          break;
        }
        failures.push(`unshare ${flags.join(' ')}: ${failure}`);
      }
      if (!unshare) reasons.unshare = `${failures.join('; ')} (a network namespace needs root, or user namespaces)`;
    }
  }

  if (!options.layers.user) reasons.setpriv = 'turned off by the options';
  else if (!root) reasons.setpriv = 'the grader does not run as root, so it cannot switch the child to another user';
  else {
    const path = findTool('setpriv');
    if (!path) reasons.setpriv = 'setpriv (util-linux) is not installed';
    else {
      const failure = tryRun(path, [...setprivArgs(PROBE_UID), '--', ...nodeVersion()]);
      if (failure) reasons.setpriv = `setpriv: ${failure}`;
      else setpriv = { path };
    }
  }

  if (!options.layers.limits) reasons.prlimit = 'turned off by the options';
  else {
    const path = findTool('prlimit');
    if (!path) reasons.prlimit = 'prlimit (util-linux) is not installed';
    else {
      const addressSpace = addressSpaceLimit(options);
      if ('failure' in addressSpace) reasons.prlimit = addressSpace.failure;
      else {
        const failure = tryRun(path, [...prlimitArgs(options, addressSpace.bytes), '--', ...nodeVersion()]);
        if (failure) reasons.prlimit = `prlimit: ${failure}`;
        else prlimit = { path, addressSpace };
      }
    }
  }
  return { unshare, setpriv, prlimit, reasons };
}

/**
 * Layers that work alone may still clash together. When the whole chain does not start Node with the child's
 * flags, the fewest layers whose removal lets it start are turned off, each with the reason.
 */
function combined(options: LaunchOptions, probe: IsolationProbe): IsolationProbe {
  const start = nodeStart(options);
  const chainFailure = (candidate: IsolationProbe) => {
    const chain = wrapCommand(candidate, options, PROBE_UID, start);
    return tryRun(chain.command, chain.args);
  };
  const failure = chainFailure(probe);
  if (!failure) return probe;
  const why =
    probe.prlimit && !probe.prlimit.addressSpace.measured
      ? `${failure} (is addressSpaceBytes too small for this Node?)`
      : failure;
  const present = (['unshare', 'setpriv', 'prlimit'] as const).filter((layer) => probe[layer]);
  const removals = [
    ...present.map((layer) => [layer]),
    ...present.flatMap((a, i) => present.slice(i + 1).map((b) => [a, b])),
    present,
  ];
  for (const removal of removals) {
    const reasons = { ...probe.reasons };
    for (const layer of removal) reasons[layer] = `works alone but not with the other layers: ${why}`;
    const candidate: IsolationProbe = {
      ...probe,
      ...Object.fromEntries(removal.map((layer) => [layer, undefined])),
      reasons,
    };
    if (!chainFailure(candidate)) return candidate;
  }
  return {
    reasons: {
      ...probe.reasons,
      ...Object.fromEntries(present.map((layer) => [layer, `works alone but not with the other layers: ${why}`])),
    },
  };
}

/** The command that starts `node ...nodeArgs` inside every available OS layer. */
export function wrapCommand(
  probe: IsolationProbe,
  options: LaunchOptions,
  uid: number,
  nodeCommand: readonly string[],
): { command: string; args: string[] } {
  let argv = [...nodeCommand];
  if (probe.setpriv) argv = [probe.setpriv.path, ...setprivArgs(uid), '--', ...argv];
  if (probe.prlimit)
    argv = [probe.prlimit.path, ...prlimitArgs(options, probe.prlimit.addressSpace.bytes), '--', ...argv];
  if (probe.unshare) argv = [probe.unshare.path, ...probe.unshare.flags, '--', ...argv];
  return { command: argv[0], args: argv.slice(1) };
}

function setprivArgs(uid: number): string[] {
  return [
    `--reuid=${uid}`,
    `--regid=${uid}`,
    '--clear-groups',
    '--inh-caps=-all',
    '--no-new-privs',
    '--pdeathsig',
    'KILL',
  ];
}

function prlimitArgs(options: LaunchOptions, addressSpaceBytes: number): string[] {
  const cpu = Math.max(1, Math.ceil(options.cpuSeconds));
  return [
    `--as=${addressSpaceBytes}`,
    '--fsize=0',
    '--core=0',
    `--cpu=${cpu}:${cpu + 1}`,
    `--nproc=${options.maxProcesses}`,
    `--nofile=${options.maxOpenFiles}`,
    `--stack=${STACK_RLIMIT_BYTES}`,
  ];
}

/** What the layer reports say: every layer, on or off, with what it stops or why it is off. */
export function isolationLayers(probe: IsolationProbe, options: LaunchOptions): IsolationLayer[] {
  const uidNote =
    options.userIds.count === 1
      ? `uid ${options.userIds.first}`
      : `a fresh uid per child from ${options.userIds.first}`;
  return [
    {
      name: 'vm realm',
      active: true,
      detail:
        'student code runs in fresh V8 contexts without host objects; string code generation and WebAssembly are off in them',
    },
    {
      name: 'child process',
      active: true,
      detail:
        'one process per submission, empty environment, read-only empty working directory, stdout/stderr captured and capped, killed at its deadlines and when the grader exits',
    },
    {
      name: 'node permission model',
      active: true,
      detail: `${permissionFlag()} with --allow-fs-read for the runner file only: no file writes, no other reads, no child processes, no worker threads, no native addons`,
    },
    {
      name: 'node flags',
      active: true,
      detail: `--disallow-code-generation-from-strings, --max-old-space-size=${options.heapMb}, --stack-size=${options.stackKb}${v8FlagsDetail()}`,
    },
    layer(
      'no network (unshare)',
      probe.unshare,
      probe.reasons.unshare,
      () => `unshare ${probe.unshare!.flags.join(' ')}: the child has its own network namespace with no interfaces up`,
    ),
    layer(
      'unprivileged user (setpriv)',
      probe.setpriv,
      probe.reasons.setpriv,
      () =>
        `${uidNote}, no groups, no capabilities, SIGKILL when the grader dies: it cannot signal or debug the grader or another child`,
    ),
    layer(
      'resource limits (prlimit)',
      probe.prlimit,
      probe.reasons.prlimit,
      () =>
        `address space ${addressSpaceDetail(probe.prlimit!.addressSpace)}, no file writes (fsize 0), no core dumps, ${Math.ceil(options.cpuSeconds)} s of CPU, ${options.maxProcesses} processes, ${options.maxOpenFiles} open files`,
    ),
  ];
}

function v8FlagsDetail(): string {
  const taken = childV8Flags();
  const refused = CHILD_V8_FLAGS.filter((flag) => !taken.includes(flag));
  return `${taken.length ? `; for a cheaper short-lived process ${taken.join(', ')}` : ''}${refused.length ? ` (${refused.join(', ')}: not a flag of this Node's V8)` : ''}`;
}

function addressSpaceDetail({ bytes, measured }: AddressSpaceLimit): string {
  const mib = (count: number) => `${Math.round(count / 1024 / 1024)} MiB`;
  const origin = measured
    ? `; Node ${process.versions.node} starts in ${mib(measured.startupBytes)}, plus ${mib(measured.headroomBytes)} of headroom`
    : '';
  return `${mib(bytes)} (ArrayBuffers included${origin})`;
}

function layer(name: string, available: unknown, reason: string | undefined, detail: () => string): IsolationLayer {
  return available
    ? { name, active: true, detail: detail() }
    : { name, active: false, detail: reason ?? 'not available' };
}

function nodeVersion(): string[] {
  return [process.execPath, '--version'];
}

/** A Node started as a child is, flags and all, that runs nothing: `--version` alone would not show that a limit leaves Node too little to start. */
function nodeStart(options: LaunchOptions): string[] {
  return [process.execPath, ...nodeFlags(options, PROC_STATUS), '-e', '0'];
}

function findTool(name: string): string | undefined {
  const folders = (process.env.PATH ?? '').split(delimiter).concat(['/usr/bin', '/bin', '/usr/sbin', '/sbin']);
  for (const folder of folders) {
    if (!folder) continue;
    const path = join(folder, name);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      continue;
    }
  }
  return undefined;
}

/** Runs a probe command; answers undefined when it worked, or what went wrong. */
function tryRun(command: string, args: readonly string[]): string | undefined {
  const result = spawnSync(command, args, { env: {}, cwd: '/', stdio: ['ignore', 'ignore', 'pipe'], timeout: 10_000 });
  if (result.error) return result.error.message;
  if (result.status === 0) return undefined;
  const stderr = result.stderr?.toString('utf8').trim().split('\n')[0] ?? '';
  return `${result.signal ? `killed by ${result.signal}` : `exit code ${result.status}`}${stderr ? `: ${stderr.slice(0, 200)}` : ''}`;
}
