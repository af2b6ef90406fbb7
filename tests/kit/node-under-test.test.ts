import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { SandboxPool } from '../../grader/sandbox';
import { BATTERY, grade, reference } from '../sandbox/sandbox-helpers';
import { KIT_ROOT } from '../../grader/data/paths';

/*
 * CI runs this suite twice (.ci/run): on the machine's Node, and on the Node 24 that `npm ci` brings in
 * node_modules/node/bin. Each run says which Node it means in EXPECT_NODE_VERSION; these tests fail when the
 * suite, the sandbox's children or the npm scripts the tests start run on another one.
 */

const expected = process.env.EXPECT_NODE_VERSION;
const pool = new SandboxPool({
  warmChildren: 0,
  testing: {
    runnerPreamble: `require('node:fs').writeSync(1, JSON.stringify({ childNode: process.versions.node }) + '\\n');`,
  },
});

afterAll(() => pool.close());

describe('the Node under test', () => {
  it.runIf(expected)(`is the one this run names (${expected ?? 'none named'})`, () => {
    expect(process.versions.node).toBe(expected);
  });

  it('runs the sandbox children too: they start process.execPath', async () => {
    const graded = await grade(pool, reference, BATTERY.slice(0, 1));
    const line = graded.diagnostics.stdout.split('\n').find((l) => l.includes('childNode'));
    expect(JSON.parse(line!).childNode).toBe(process.versions.node);
  });

  it('runs the npm scripts the tests start: node_modules/.bin has no node of its own', () => {
    // The registry's `node` package links node_modules/.bin/node, which npm puts first on every script's PATH; package.json's postinstall removes the link.
    const run = spawnSync('npm', ['exec', '--', 'node', '-p', 'process.versions.node'], {
      cwd: KIT_ROOT,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe(process.versions.node);
  });
});
