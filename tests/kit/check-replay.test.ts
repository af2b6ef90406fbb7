import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KIT_ROOT } from '../../grader/data/paths';

describe('npm run check', () => {
  it('prints replay commands that name the submission’s own folder, so they run as printed', () => {
    const folder = join('examples', 'sample-class', 'dee-wrong-sign');
    const run = spawnSync('npm', ['run', '--silent', 'check', '--', folder, '--seed', '3'], {
      cwd: KIT_ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    const replays = run.stdout.split('\n').filter((line) => line.trim().startsWith('replay:'));
    expect(replays.length, run.stdout + run.stderr).toBeGreaterThan(0);
    for (const line of replays) expect(line).toContain(`npm run check -- ${folder} --check `);
    expect(run.stdout).not.toContain('<submission>');
    const [command] = /npm run check -- .*$/.exec(replays[0])!;
    const replayed = spawnSync('sh', ['-c', command.replace('npm run check', 'npm run --silent check')], {
      cwd: KIT_ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(replayed.status, replayed.stderr).toBe(1);
    expect(replayed.stdout).toMatch(/02-gradient/);
  }, 120_000);
});
