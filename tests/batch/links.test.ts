import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FULL_RESULT_FILE, gradeClass, type ClassRun } from '../../grader/batch/grade-class';
import { JOURNAL_FILE } from '../../grader/batch/journal';
import { closeSubmissionPorts } from '../../grader/sandbox/open-port';
import type { ExerciseId } from '../../grader/shipped/contract/exercises';
import { runAutograder } from '../../grader/gradescope/run-autograder';
import type { SubmissionResult } from '../../grader/shipped/results/model';
import { SandboxPool } from '../../grader/sandbox';
import { readSubmission } from '../../grader/shipped/submission/read-submission';
import { KIT_ROOT } from '../../grader/data/paths';

/*
 * Link attacks, made at run time (git would keep the links, but they would point into one machine's
 * paths). Each one links to work that scores: the kit's solutions, a classmate's folder, or a
 * correct file elsewhere in the same submission. Each must gain nothing (0 on what it links, with a
 * message that names the link and says what to do), and harm no one (the classmates beside it
 * graded exactly as in a class without it).
 */

const SEED = 4242;
const SAMPLE = join(KIT_ROOT, 'examples', 'sample-class');
const SOLUTIONS = join(KIT_ROOT, 'solutions');
const STUBS = join(KIT_ROOT, 'exercises');
const scratch = mkdtempSync(join(tmpdir(), 'links-test-'));
const reference = readSubmission(SOLUTIONS, 'reference');
let pool: SandboxPool;

interface LinkAttack {
  /** The student folder's name. */
  readonly student: string;
  /** Builds the student's folder inside the class folder. */
  readonly make: (folder: string, classDir: string) => void;
  /** The exercises it links to someone's work: each must score 0. */
  readonly linked: readonly ExerciseId[];
  /** What the message of each linked exercise must say. */
  readonly says: RegExp;
}

/** The handout's stubs: every exercise scores 0 unless something else answers for it. */
const stubs = (folder: string) => cpSync(STUBS, folder, { recursive: true });

const ATTACKS: readonly LinkAttack[] = [
  {
    student: 'whole-exercises-link',
    make: (folder) => {
      mkdirSync(folder);
      symlinkSync(SOLUTIONS, join(folder, 'exercises'));
    },
    linked: ['01-cost', '02-gradient', '03-step', '04-descent', '05-valley', '06-learning-rate'],
    says: /<submission>\/exercises is a symbolic link.*replace the link with the folder itself/,
  },
  {
    student: 'folder-link-to-classmate',
    make: (folder) => {
      stubs(folder);
      rmSync(join(folder, '01-cost'), { recursive: true });
      symlinkSync(join('..', 'ada', '01-cost'), join(folder, '01-cost'));
    },
    linked: ['01-cost'],
    says: /<submission>\/01-cost is a symbolic link.*replace the link with the folder itself/,
  },
  {
    student: 'file-link-to-solution',
    make: (folder) => {
      stubs(folder);
      rmSync(join(folder, '01-cost', 'cost.ts'));
      symlinkSync(join(SOLUTIONS, '01-cost', 'cost.ts'), join(folder, '01-cost', 'cost.ts'));
    },
    linked: ['01-cost'],
    says: /<submission>\/01-cost\/cost\.ts is a symbolic link.*replace the link with the file itself/,
  },
  {
    student: 'link-inside-exercises',
    make: (folder) => {
      stubs(join(folder, 'exercises'));
      rmSync(join(folder, 'exercises', '02-gradient'), { recursive: true });
      symlinkSync(join(SOLUTIONS, '02-gradient'), join(folder, 'exercises', '02-gradient'));
    },
    linked: ['02-gradient'],
    says: /<submission>\/exercises\/02-gradient is a symbolic link.*replace the link with the folder itself/,
  },
  {
    student: 'relative-link-inside-submission',
    make: (folder) => {
      stubs(folder);
      cpSync(join(SOLUTIONS, '06-learning-rate', 'learning-rate.ts'), join(folder, 'notes', 'learning-rate.ts'));
      rmSync(join(folder, '06-learning-rate', 'learning-rate.ts'));
      symlinkSync(join('..', 'notes', 'learning-rate.ts'), join(folder, '06-learning-rate', 'learning-rate.ts'));
    },
    linked: ['06-learning-rate'],
    says: /<submission>\/06-learning-rate\/learning-rate\.ts is a symbolic link.*replace the link with the file itself/,
  },
  {
    student: 'fifo-instead-of-file',
    make: (folder) => {
      stubs(folder);
      rmSync(join(folder, '01-cost', 'cost.ts'));
      const made = spawnSync('mkfifo', [join(folder, '01-cost', 'cost.ts')]);
      if (made.status !== 0) throw new Error('mkfifo failed');
    },
    linked: ['01-cost'],
    says: /<submission>\/01-cost\/cost\.ts is a named pipe, not a regular file/,
  },
  {
    student: 'folder-instead-of-file',
    make: (folder) => {
      stubs(folder);
      rmSync(join(folder, '01-cost', 'cost.ts'));
      cpSync(join(SOLUTIONS, '01-cost'), join(folder, '01-cost', 'cost.ts'), { recursive: true });
    },
    linked: ['01-cost'],
    says: /<submission>\/01-cost\/cost\.ts is a folder, not a regular file/,
  },
];

function makeClass(name: string, attacks: readonly LinkAttack[]): string {
  const dir = join(scratch, name);
  cpSync(join(SAMPLE, 'ada-complete'), join(dir, 'ada'), { recursive: true });
  cpSync(join(SAMPLE, 'dee-wrong-sign'), join(dir, 'dee'), { recursive: true });
  for (const attack of attacks) attack.make(join(dir, attack.student), dir);
  return dir;
}

function grade(submissionsDir: string, outDir: string): Promise<ClassRun> {
  return gradeClass({
    submissionsDir,
    outDir,
    seed: SEED,
    jobs: 2,
    openPort: async (s) => pool.open(s, reference),
    gradeOptions: { plots: false },
  });
}

/** Every file of an output folder but the journal, with the wall times blanked. */
function snapshotOf(outDir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(outDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name === JOURNAL_FILE) continue;
    const path = join(entry.parentPath, entry.name);
    files[relative(outDir, path)] = readFileSync(path, 'utf8').replace(
      /"(execution_time|executionTime)":\s*[\d.e+-]+/g,
      '"$1":0',
    );
  }
  return files;
}

const resultOf = (outDir: string, student: string) =>
  JSON.parse(readFileSync(join(outDir, student, FULL_RESULT_FILE), 'utf8')) as SubmissionResult;

let run: ClassRun;
const attackedOut = join(scratch, 'attacked-out');
const calmOut = join(scratch, 'calm-out');

beforeAll(async () => {
  pool = new SandboxPool();
  const attacked = makeClass('attacked', ATTACKS);
  symlinkSync(SOLUTIONS, join(attacked, 'whole-submission-link'));
  symlinkSync(join(attacked, 'ada'), join(attacked, 'ada-again'));
  run = await grade(attacked, attackedOut);
  await grade(makeClass('calm', []), calmOut);
}, 120_000);

afterAll(async () => {
  await pool?.close();
  await closeSubmissionPorts();
  rmSync(scratch, { recursive: true, force: true });
});

describe.each(ATTACKS)('the link attack $student', (attack) => {
  it('earns nothing on what it links, and its message names the link and the fix', () => {
    const result = resultOf(attackedOut, attack.student);
    for (const exercise of attack.linked) {
      const graded = result.exercises.find((e) => e.exercise === exercise)!;
      expect(graded.score, exercise).toBe(0);
      expect(graded.module.state, exercise).toBe('unreadable');
      expect(graded.module.message, exercise).toMatch(attack.says);
      expect(graded.module.message, exercise).not.toContain(KIT_ROOT);
    }
  });
});

describe('a class with link attacks in it', () => {
  it('lists a student entry that is a link as not gradable, with the reason, and follows it nowhere', () => {
    expect(run.failures.map((f) => f.studentId)).toEqual(['ada-again', 'whole-submission-link']);
    for (const failure of run.failures)
      expect(failure.message).toMatch(/is a symbolic link, and links are never followed or graded/);
    expect(readdirSync(attackedOut)).not.toContain('whole-submission-link');
    expect(run.total).toBe(2 + ATTACKS.length + 2);
  });

  it('grades everyone else exactly as in a class without them', () => {
    const calm = snapshotOf(calmOut);
    const attacked = snapshotOf(attackedOut);
    for (const student of ['ada', 'dee']) {
      for (const file of ['results.json', FULL_RESULT_FILE])
        expect(attacked[join(student, file)], `${student}/${file}`).toBe(calm[join(student, file)]);
    }
    expect(resultOf(attackedOut, 'ada').score).toBe(100);
  });
});

describe('the Gradescope runner', () => {
  const root = join(scratch, 'autograder');
  const upload = (make: (submission: string) => void) => {
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root);
    make(join(root, 'submission'));
    return runAutograder(root, { seed: SEED });
  };
  const scoreOf = (results: Awaited<ReturnType<typeof runAutograder>>, exercise: string) =>
    results.tests.filter((t) => t.name.startsWith(`${exercise}: `)).reduce((sum, t) => sum + (t.score ?? 0), 0);

  it('gives nothing for an upload whose exercises folder is a link to the solutions, and says why', async () => {
    const results = await upload((submission) => {
      mkdirSync(submission);
      symlinkSync(SOLUTIONS, join(submission, 'exercises'));
    });
    expect(results.score).toBe(0);
    expect(results.tests.some((t) => /<submission>\/exercises is a symbolic link/.test(t.output ?? ''))).toBe(true);
  }, 60_000);

  it('names a link where the one folder of an upload would be, and a linked loose file, and grades neither', async () => {
    const onlyLink = await upload((submission) => {
      mkdirSync(submission);
      symlinkSync(SOLUTIONS, join(submission, 'my-exercises'));
    });
    expect(onlyLink).toMatchObject({ score: 0, tests: [] });
    expect(onlyLink.output).toMatch(
      /No exercise was found[\s\S]*my-exercises is a symbolic link, and links are never followed/,
    );

    const looseLink = await upload((submission) => {
      mkdirSync(submission);
      symlinkSync(join(SOLUTIONS, '01-cost', 'cost.ts'), join(submission, 'cost.ts'));
      cpSync(join(STUBS, '02-gradient', 'gradient.ts'), join(submission, 'gradient.ts'));
    });
    expect(looseLink.score).toBe(0);
    expect(scoreOf(looseLink, '01-cost')).toBe(0);
    expect(looseLink.output).toContain('cost.ts is a symbolic link, and links are never followed or graded');
  }, 60_000);

  it('refuses a submission folder that is itself a link', async () => {
    const results = await upload((submission) => symlinkSync(join(SAMPLE, 'ada-complete'), submission));
    expect(results).toMatchObject({ score: 0, tests: [] });
    expect(results.output).toMatch(/is a symbolic link/);
  }, 60_000);
});

describe('reading a submission', () => {
  it('does not hang on a pipe, and never reads a file that is not regular', () => {
    const folder = join(scratch, 'read-pipe');
    stubs(folder);
    rmSync(join(folder, '03-step', 'step.ts'));
    spawnSync('mkfifo', [join(folder, '03-step', 'step.ts')]);
    const started = Date.now();
    const submission = readSubmission(folder);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(submission.files['03-step']).toMatchObject({
      state: 'unreadable',
      message: expect.stringContaining('is a named pipe'),
    });
    expect(submission.files['01-cost'].state).toBe('found');
  });

  it('keys a refused file by what was refused, so that the journal never keeps the message of another refusal', () => {
    const one = join(scratch, 'key-one');
    const two = join(scratch, 'key-two');
    for (const folder of [one, two]) {
      stubs(folder);
      rmSync(join(folder, '01-cost', 'cost.ts'));
    }
    symlinkSync(join(SOLUTIONS, '01-cost', 'cost.ts'), join(one, '01-cost', 'cost.ts'));
    spawnSync('mkfifo', [join(two, '01-cost', 'cost.ts')]);
    expect(readSubmission(one).contentHash).not.toBe(readSubmission(two).contentHash);
  });

  it('refuses a link given with a trailing slash too', () => {
    const link = join(scratch, 'link-to-ada');
    symlinkSync(join(SAMPLE, 'ada-complete'), link);
    const submission = readSubmission(`${link}/`);
    expect(
      Object.values(submission.files).every(
        (f) => f.state === 'unreadable' && /<submission> is a symbolic link/.test(f.message ?? ''),
      ),
    ).toBe(true);
  });
});
