import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../_lib/child';
import { median } from '../_lib/stats';
import { KIT_ROOT } from '../../grader/data/paths';

export interface PerSubmissionProcess {
  readonly runs: number;
  /** Wall time of one `gradescope run` process, from spawn to exit, median. */
  readonly medianMs: number;
  readonly allMs: readonly number[];
  readonly skipped?: string;
}

/**
 * What one Gradescope container spends on grading: `run_autograder`'s command (ts-node, then
 * `gradescope run` on <root>/submission) as a fresh process per submission, on this machine.
 * Gradescope's own container start is not in it.
 */
export async function timePerSubmissionProcess(
  submissionsDir: string,
  ids: readonly string[],
): Promise<PerSubmissionProcess> {
  if (!existsSync(join(KIT_ROOT, 'grader', 'cli', 'gradescope.ts')))
    return { runs: 0, medianMs: Number.NaN, allMs: [], skipped: 'grader/cli/gradescope.ts does not exist yet' };
  const allMs: number[] = [];
  for (const id of ids) {
    const root = mkdtempSync(join(tmpdir(), 'gd-bench-gradescope-'));
    try {
      mkdirSync(join(root, 'results'));
      cpSync(join(submissionsDir, id), join(root, 'submission'), { recursive: true });
      const finished = await run(process.execPath, [
        join(KIT_ROOT, 'node_modules', 'ts-node', 'dist', 'bin.js'),
        'grader/cli/gradescope.ts',
        'run',
        '--root',
        root,
      ]);
      if (finished.code !== 0)
        return {
          runs: allMs.length,
          medianMs: median(allMs),
          allMs,
          skipped: `gradescope run failed (${finished.code}): ${finished.stderr.slice(-300)}`,
        };
      allMs.push(Math.round(finished.wallMs));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  return { runs: allMs.length, medianMs: median(allMs), allMs };
}
