/**
 * A handout built for an assignment beyond the seeds (assignments/beyond-the-seeds.json): it hands
 * out 01–11, its public checks of 06–11 pass on the reference (11 builds on 06), and its status counts their points;
 * the default handout (tests/handout/handout.test.ts) has none of them.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAssignment } from '../../grader/assignment/read-assignment';
import { KIT_ROOT } from '../../grader/data/paths';
import { ALL_CHECKS } from '../../grader/grading';
import { buildHandout, type HandoutSummary } from '../../grader/handout/build-handout';
import { EXERCISES } from '../../grader/shipped/contract/exercises';
import { npmTest, studentEnv } from './support';

const assignment = readAssignment(join(KIT_ROOT, 'assignments', 'beyond-the-seeds.json'));
/** The exercises whose reference the test copies in: those beyond the seeds, and 06, which 11 builds on. */
const BEYOND = EXERCISES.filter((e) => Number(e.id.slice(0, 2)) >= 6);
const checks = ALL_CHECKS.filter((c) => assignment.exercises.includes(c.exercise));
const PUBLIC = checks.filter((c) => c.visibility === 'public');
const HIDDEN_POINTS = checks.filter((c) => c.visibility === 'hidden').reduce((s, c) => s + c.points, 0);

const scratch = mkdtempSync(join(tmpdir(), 'beyond-handout-test-'));
const handout = join(scratch, 'handout');
let built: HandoutSummary;

beforeAll(async () => {
  built = await buildHandout({ out: handout, assignment });
  const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: handout,
    encoding: 'utf8',
    env: studentEnv(),
  });
  if (install.status !== 0) throw new Error(`npm ci failed in the handout:\n${install.stderr}`);
}, 240_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('a handout for 01–11', () => {
  it('hands out every exercise of the assignment, with its README row, test script and public checks', () => {
    expect(built.publicChecks).toBe(PUBLIC.length);
    expect(built.hiddenPoints).toBe(HIDDEN_POINTS);
    const pkg = JSON.parse(readFileSync(join(handout, 'package.json'), 'utf8'));
    const readme = readFileSync(join(handout, 'exercises', 'README.md'), 'utf8');
    for (const { id, file } of EXERCISES) {
      expect(existsSync(join(handout, 'exercises', id, file)), id).toBe(true);
      expect(pkg.scripts[`test:${id}`], id).toBe(`vitest run ${id}`);
      expect(readme, id).toContain(`[\`${id}\`]`);
    }
  });

  it('passes the public checks of 06–11 on the reference, and still asks for 01–05', () => {
    for (const { id } of BEYOND)
      cpSync(join(KIT_ROOT, 'solutions', id), join(handout, 'exercises', id), { recursive: true });
    const run = npmTest(handout);
    expect(run.status, run.stdout + run.stderr).not.toBe(0);
    for (const { id } of BEYOND) expect(run.stdout, run.stdout).toMatch(new RegExp(`✓ ${id}\\s`));
    for (const { id } of EXERCISES.filter((e) => !BEYOND.includes(e)))
      expect(run.stdout).toMatch(new RegExp(`✗ ${id}\\s+0/\\d+\\s+not implemented yet`));
    const beyondPublic = PUBLIC.filter((c) => BEYOND.some((e) => e.id === c.exercise)).length;
    expect(run.stdout).toContain(`public checks ${beyondPublic}/${PUBLIC.length} passed`);
  }, 180_000);
});
