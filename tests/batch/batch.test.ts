import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FULL_RESULT_FILE, gradeClass, type ClassRun } from '../../grader/batch/grade-class';
import { GradingJournal, JOURNAL_FILE } from '../../grader/batch/journal';
import { SandboxPool } from '../../grader/sandbox';
import { readSubmission } from '../../grader/shipped/submission/read-submission';
import { TEST_SEED } from '../kit/support';
import { KIT_ROOT } from '../../grader/data/paths';

const scratch = mkdtempSync(join(tmpdir(), 'batch-test-'));
const SAMPLE = join(KIT_ROOT, 'examples', 'sample-class');
const HOSTILE = join(KIT_ROOT, 'tests', 'fixtures', 'hostile');
const reference = readSubmission(join(KIT_ROOT, 'solutions'), 'reference');
let pool: SandboxPool;
beforeAll(() => {
  pool = new SandboxPool();
});
afterAll(async () => {
  await pool.close();
  rmSync(scratch, { recursive: true, force: true });
});

function grade(submissionsDir: string, outDir: string, seed: number | undefined = TEST_SEED): Promise<ClassRun> {
  return gradeClass({
    submissionsDir,
    outDir,
    seed,
    jobs: 2,
    openPort: async (s) => pool.open(s, reference),
    gradeOptions: { plots: false },
  });
}

/** The students the journal records as finished (its other lines mark where runs start and end). */
function journalStudents(journal: string): number {
  return existsSync(journal)
    ? readFileSync(journal, 'utf8')
        .split('\n')
        .filter((line) => line.startsWith('{"student"')).length
    : 0;
}

/** Every file of an output folder, with the wall times (the only fields allowed to differ) blanked. */
function snapshotOf(outDir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(outDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name === JOURNAL_FILE) continue;
    const path = join(entry.parentPath, entry.name);
    files[relative(outDir, path)] = readFileSync(path, 'utf8')
      .replace(/"(execution_time|executionTime)":\s*[\d.e+-]+/g, '"$1":0')
      .replace(/ time="[\d.]+"/g, ' time="0"');
  }
  return files;
}

/** Compares two output folders file by file, so that a failure names the files that differ. */
function expectSameFiles(actual: Record<string, string>, expected: Record<string, string>): void {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  expect(Object.keys(expected).filter((path) => actual[path] !== expected[path])).toEqual([]);
}

function makeClass(name: string, students: Record<string, string>): string {
  const dir = join(scratch, name);
  for (const [student, source] of Object.entries(students)) cpSync(source, join(dir, student), { recursive: true });
  return dir;
}

describe('a batch', () => {
  it('gives byte-identical results for the same submissions and seed, apart from timings', async () => {
    const one = join(scratch, 'same-1');
    const two = join(scratch, 'same-2');
    const students = makeClass('same', {
      ada: join(SAMPLE, 'ada-complete'),
      fay: join(SAMPLE, 'fay-sequential-update'),
      ben: join(SAMPLE, 'ben-half-done'),
    });
    await grade(students, one);
    await grade(students, two);
    expectSameFiles(snapshotOf(two), snapshotOf(one));
    expect(Object.keys(snapshotOf(one))).toContain(join('fay', 'results.json'));
  });

  it('grades everyone else exactly as without the hostile students among them', async () => {
    const hostile = ['exit-at-import', 'loop-in-call', 'memory-bomb', 'forged-ipc', 'write-file', 'patch-builtins'];
    const calm = { ada: join(SAMPLE, 'ada-complete'), dee: join(SAMPLE, 'dee-wrong-sign') };
    const mixed = makeClass('mixed', {
      ...calm,
      ...Object.fromEntries(hostile.map((h) => [`zz-${h}`, join(HOSTILE, h)])),
    });
    const alone = makeClass('calm', calm);
    const mixedRun = await grade(mixed, join(scratch, 'mixed-out'));
    await grade(alone, join(scratch, 'calm-out'));
    const mixedFiles = snapshotOf(join(scratch, 'mixed-out'));
    for (const [path, text] of Object.entries(snapshotOf(join(scratch, 'calm-out'))))
      expect(mixedFiles[path]).toBe(text);
    expect(mixedRun.failures).toEqual([]);
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith('pwned'))).toEqual([]);
    expect(pool.liveChildren()).toBeLessThanOrEqual(1);
  });

  it('resumes after kill -9 and ends exactly like an uninterrupted run', async () => {
    const students = Object.fromEntries(
      readdirSync(SAMPLE, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => [e.name, join(SAMPLE, e.name)]),
    );
    const classDir = makeClass('resume', students);
    const interrupted = join(scratch, 'resume-interrupted');
    const uninterrupted = join(scratch, 'resume-uninterrupted');
    const cli = (out: string, ...flags: string[]) => [
      '-r',
      'ts-node/register',
      join(KIT_ROOT, 'grader', 'cli', 'grade.ts'),
      classDir,
      '--out',
      out,
      '--jobs',
      '2',
      ...flags,
    ];

    const child = spawn(process.execPath, cli(interrupted), { cwd: KIT_ROOT, stdio: 'ignore' });
    const journal = join(interrupted, JOURNAL_FILE);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && journalStudents(journal) < 2) await new Promise((r) => setTimeout(r, 25));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const finishedBefore = journalStudents(journal);
    const seed = new GradingJournal(interrupted).unfinishedRunSeed!;
    expect(seed).toEqual(expect.any(Number));
    expect(finishedBefore).toBeGreaterThanOrEqual(2);
    expect(finishedBefore).toBeLessThan(Object.keys(students).length);

    const resumed = spawnSync(process.execPath, cli(interrupted), { cwd: KIT_ROOT, encoding: 'utf8' });
    expect(resumed.status).toBe(0);
    expect(resumed.stdout).toMatch(
      new RegExp(`\\d+ unchanged, kept from the journal\\): mean [\\d.]+/100, seed ${seed}\\b`),
    );
    expect(new GradingJournal(interrupted).unfinishedRunSeed).toBeUndefined();
    const fresh = spawnSync(process.execPath, cli(uninterrupted, '--seed', String(seed)), {
      cwd: KIT_ROOT,
      encoding: 'utf8',
    });
    expect(fresh.status).toBe(0);
    expectSameFiles(snapshotOf(interrupted), snapshotOf(uninterrupted));
    expect(readdirSync(interrupted, { recursive: true }).filter((f) => String(f).endsWith('.tmp'))).toEqual([]);
    expect(JSON.parse(readFileSync(join(interrupted, 'ada-complete', FULL_RESULT_FILE), 'utf8')).score).toBe(100);
  });

  it('lists a folder with no exercise as not gradable, and grades the rest', async () => {
    const dir = makeClass('odd', { ada: join(SAMPLE, 'ada-complete') });
    mkdirSync(join(dir, 'notes-only'));
    const run = await grade(dir, join(scratch, 'odd-out'));
    expect(run.results.map((r) => r.studentId)).toEqual(['ada']);
    expect(run.failures).toEqual([
      { studentId: 'notes-only', message: expect.stringContaining('has no exercise folder') },
    ]);
  });
});
