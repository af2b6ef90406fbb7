import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { KIT_ROOT } from '../../grader/data/paths';

it('renders a report under ts-node too (vega, vega-lite and shiki through a real import())', () => {
  const run = spawnSync(process.execPath, ['-r', 'ts-node/register', join(__dirname, 'render-with-ts-node.ts')], {
    cwd: KIT_ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const out = JSON.parse(run.stdout) as { svgs: number; markdown: number; junit: number; colouredLines: number };
  expect(out.svgs).toBe(5);
  expect(out.colouredLines).toBeGreaterThan(100);
  expect(out.markdown).toBeGreaterThan(1000);
  expect(out.junit).toBeGreaterThan(1000);
});
