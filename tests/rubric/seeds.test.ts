import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gradeClass, type ClassRunOptions } from '../../grader/batch/grade-class';
import { GradingJournal, JOURNAL_FILE } from '../../grader/batch/journal';
import { main as check } from '../../grader/cli/check';
import { InProcessPort } from '../../grader/shipped/door/in-process-port';
import { HANDOUT_SEED } from '../../grader/shipped/checks/seeds';
import { closeSubmissionPorts } from '../../grader/sandbox/open-port';
import { runAutograder } from '../../grader/gradescope/run-autograder';
import { gradeFolder, reference } from '../kit/support';
import { KIT_ROOT } from '../../grader/data/paths';

const SAMPLE = join(KIT_ROOT, 'examples', 'sample-class');
const scratch = mkdtempSync(join(tmpdir(), 'gd-kit-seeds-'));
afterAll(async () => {
  await closeSubmissionPorts();
  rmSync(scratch, { recursive: true, force: true });
});

const students = join(scratch, 'class');
for (const student of ['ada-complete', 'eli-missing-factor-2', 'fay-sequential-update'])
  cpSync(join(SAMPLE, student), join(students, student), { recursive: true });

function gradeAll(outDir: string, options: Partial<ClassRunOptions> = {}) {
  return gradeClass({
    submissionsDir: students,
    outDir,
    jobs: 1,
    openPort: async (s) => new InProcessPort(s, reference),
    gradeOptions: { plots: false },
    ...options,
  });
}

describe('a grading seed', () => {
  it('is drawn fresh for every grading that names none, and is never the handout’s', async () => {
    const ada = join(SAMPLE, 'ada-complete');
    const seeds = [
      (await gradeFolder(ada, { seed: undefined })).seed,
      (await gradeFolder(ada, { seed: undefined })).seed,
    ];
    expect(new Set(seeds).size).toBe(2);
    expect(seeds).not.toContain(HANDOUT_SEED);
  });

  it('is one per batch run, kept by the journal while the run is unfinished, and fresh for the next run', async () => {
    const out = join(scratch, 'batch');
    const abort = new AbortController();
    const interrupted = await gradeAll(out, { signal: abort.signal, onStudentDone: () => abort.abort() });
    expect(interrupted.results.length).toBe(1);
    expect(new GradingJournal(out).unfinishedRunSeed).toBe(interrupted.seed);

    const resumed = await gradeAll(out);
    expect(resumed).toMatchObject({ seed: interrupted.seed, reused: 1 });
    expect(new GradingJournal(out).unfinishedRunSeed).toBeUndefined();
    expect(JSON.parse(readFileSync(join(out, 'ada-complete', 'results.json'), 'utf8')).extra_data.seed).toBe(
      interrupted.seed,
    );

    const next = await gradeAll(out);
    expect(next.seed).not.toBe(interrupted.seed);
    expect(next.reused).toBe(0);

    const replayed = await gradeAll(out, { seed: next.seed });
    expect(replayed).toMatchObject({ seed: next.seed, reused: 3 });

    const abortAgain = new AbortController();
    const unfinished = await gradeAll(out, { signal: abortAgain.signal, onStudentDone: () => abortAgain.abort() });
    expect(new GradingJournal(out).unfinishedRunSeed).toBe(unfinished.seed);
    const fresh = await gradeAll(out, { fresh: true });
    expect(fresh.seed).not.toBe(unfinished.seed);
    expect(fresh.reused).toBe(0);
    expect(readFileSync(join(out, JOURNAL_FILE), 'utf8')).toMatch(/^\{"run":"started","seed":\d+\}$/m);
  });

  it('is fresh for every Gradescope submission unless given, and results.json names it', async () => {
    const root = join(scratch, 'autograder');
    cpSync(join(SAMPLE, 'ada-complete'), join(root, 'submission'), { recursive: true });
    mkdirSync(join(root, 'results'), { recursive: true });
    const first = await runAutograder(root);
    const second = await runAutograder(root);
    expect(first.extra_data.seed).not.toBe(second.extra_data.seed);
    expect(first.score).toBe(100);
    expect((await runAutograder(root, { seed: 5 })).extra_data.seed).toBe(5);
    rmSync(join(root, 'submission'), { recursive: true });
    mkdirSync(join(root, 'submission'));
    const nothing = await runAutograder(root);
    expect(nothing.extra_data.seed).toEqual(expect.any(Number));
    expect(nothing.extra_data.seed).not.toBe(HANDOUT_SEED);
  }, 60_000);

  it('must be named to replay a case: `npm run check -- --path` without `--seed` is refused', async () => {
    await expect(
      check([join(SAMPLE, 'eli-missing-factor-2'), '--check', '02-gradient/matches-reference', '--path', '0']),
    ).rejects.toMatchObject({ code: 'usage', message: expect.stringContaining('--seed') });
  });
});
