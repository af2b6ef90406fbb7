import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_ASSIGNMENT_FILE, readAssignment } from '../../grader/assignment/read-assignment';
import { EXIT } from '../../grader/cli/exit-codes';
import { KIT_ROOT } from '../../grader/data/paths';
import { exercisesReadme } from '../../grader/handout/build-handout';
import { EXERCISE_IDS } from '../../grader/shipped/contract/exercises';
import { KitError } from '../../grader/shipped/errors';
import { gradeFolder } from './support';
import { gradebookCsv } from '../../grader/report/_gradebook';

const scratch = mkdtempSync(join(tmpdir(), 'assignment-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const SEEDS = ['01-cost', '02-gradient', '03-step', '04-descent', '05-valley', '06-learning-rate'];

function assignmentFile(name: string, text: string): string {
  const file = join(scratch, name);
  writeFileSync(file, text);
  return file;
}

function refusal(file: string): KitError {
  try {
    readAssignment(file);
  } catch (error) {
    if (error instanceof KitError) return error;
    throw error;
  }
  throw new Error(`${file} was read as an assignment`);
}

describe('an assignment', () => {
  it('is the seeds’ six exercises by default, and all eleven beyond them', () => {
    expect(readAssignment(DEFAULT_ASSIGNMENT_FILE).exercises).toEqual(SEEDS);
    expect(readAssignment(join(KIT_ROOT, 'assignments', 'beyond-the-seeds.json')).exercises).toEqual(EXERCISE_IDS);
  });

  it('keeps the kit’s order whatever the file’s', () => {
    const file = assignmentFile('shuffled.json', JSON.stringify({ title: 'T', exercises: ['05-valley', '01-cost'] }));
    expect(readAssignment(file)).toEqual({ title: 'T', exercises: ['01-cost', '05-valley'] });
  });

  it.each([
    ['missing.json', undefined, /cannot read the assignment \(ENOENT\)/],
    ['not-json.json', '{ "title": ', /is not JSON/],
    ['extra-key.json', JSON.stringify({ title: 'T', exercises: ['01-cost'], points: 3 }), /must NOT have additional/],
    ['no-title.json', JSON.stringify({ exercises: ['01-cost'] }), /must have required property 'title'/],
    ['empty.json', JSON.stringify({ title: 'T', exercises: [] }), /must NOT have fewer than 1 items/],
    ['unknown.json', JSON.stringify({ title: 'T', exercises: ['01-cost', '12-adam'] }), /"12-adam" is not an exercise/],
    ['twice.json', JSON.stringify({ title: 'T', exercises: ['01-cost', '01-cost'] }), /"01-cost" is named twice/],
    [
      'no-foundation.json',
      JSON.stringify({ title: 'T', exercises: ['01-cost', '04-descent'] }),
      /04-descent builds on 02-gradient: add "02-gradient" too; 04-descent builds on 03-step: add "03-step" too/,
    ],
  ])('%s is refused with a message that names the file and the fix', (name, text, message) => {
    const file = text === undefined ? join(scratch, name) : assignmentFile(name, text);
    const error = refusal(file);
    expect(error.code).toBe('assignment-invalid');
    expect(error.message).toContain(name);
    expect(error.message).toMatch(message);
  });
});

describe('grading follows the assignment', () => {
  it('grades only the assignment’s exercises, and the default grades the seeds’ six', async () => {
    const solutions = join(KIT_ROOT, 'solutions');
    expect((await gradeFolder(solutions)).exercises.map((e) => e.exercise)).toEqual(SEEDS);
    const some = await gradeFolder(solutions, { exercises: ['02-gradient', '05-valley'] });
    expect(some.exercises.map((e) => e.exercise)).toEqual(['02-gradient', '05-valley']);
    expect(some.maxScore).toBe(35);
  });

  it('names the gradebook’s total column', async () => {
    const graded = await gradeFolder(join(KIT_ROOT, 'solutions'), { exercises: ['01-cost', '02-gradient'] });
    const [header] = gradebookCsv([graded], [], 'Week 3: the cost and its gradient').split('\n');
    expect(header).toContain('Week 3: the cost and its gradient');
    expect(header).toMatch(/01-cost.*02-gradient/);
    expect(header).not.toContain('03-step');
  });

  it('drops from the handout’s README the rows of the exercises it does not ask for', () => {
    const text = readFileSync(join(KIT_ROOT, 'exercises', 'README.md'), 'utf8');
    const seedsOnly = exercisesReadme(text, { title: 'T', exercises: SEEDS as never });
    expect(seedsOnly).toContain('[`06-learning-rate`]');
    expect(seedsOnly).not.toMatch(/\[`0[789]-/);
    expect(exercisesReadme(text, { title: 'T', exercises: ['01-cost'] })).not.toContain('[`02-gradient`]');
  });

  it('is named on the command line, and a bad file stops the command with its name', () => {
    const bad = assignmentFile('bad.json', JSON.stringify({ title: 'T', exercises: ['99-nothing'] }));
    const run = spawnSync('npm', ['run', '--silent', 'check', '--', join(KIT_ROOT, 'solutions'), '--assignment', bad], {
      cwd: KIT_ROOT,
      encoding: 'utf8',
    });
    expect(run.status).toBe(EXIT.INPUT);
    expect(run.stderr).toContain('bad.json');
    expect(run.stderr).toContain('"99-nothing" is not an exercise');
  });
});
