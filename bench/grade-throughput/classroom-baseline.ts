import { cpSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { inParallel, run } from '../_lib/child';
import { median } from '../_lib/stats';
import { copyExerciseFiles } from './generate-submissions';
import { KIT_ROOT } from '../../grader/data/paths';

/**
 * "The way classroom autograding works today": each submission is a repository made from the
 * starter in classroom-baseline/ (its tests, the student's exercise files) and graded by one
 * `npm test`, warm (node_modules already installed: a symlink to the kit's, as GitHub Classroom's
 * runner has after `npm ci`).
 */
export const STARTER_DIR = join(__dirname, 'classroom-baseline');

/** `per-exercise`: the starter as it is, one test file per exercise. `single-file`: the same tests imported into one file, vitest's cheapest layout. */
export type ClassroomLayout = 'per-exercise' | 'single-file';

export interface ClassroomRun {
  readonly layout: ClassroomLayout;
  readonly submissions: number;
  readonly parallel: number;
  readonly wallMs: number;
  readonly submissionsPerSecond: number;
  readonly medianMsPerSubmission: number;
  /** `npm test` exited 0: every test passed. */
  readonly allPassed: number;
  /** The submissions of the correct style whose `npm test` failed, with the end of what it printed: a correct one failing is the baseline's flake, not the student's. */
  readonly correctButFailed: readonly {
    readonly submission: string;
    readonly code: number | null;
    readonly wallMs: number;
    readonly stderrTail: string;
  }[];
}

/** One starter repository per submission under `workDir`; returns their folders, in the order given. */
export function prepareClassroom(
  submissionsDir: string,
  ids: readonly string[],
  workDir: string,
  layout: ClassroomLayout,
): string[] {
  mkdirSync(workDir, { recursive: true });
  return ids.map((id) => {
    const repo = join(workDir, id);
    mkdirSync(repo, { recursive: true });
    cpSync(join(STARTER_DIR, 'package.json'), join(repo, 'package.json'));
    cpSync(join(STARTER_DIR, 'vitest.config.mts'), join(repo, 'vitest.config.mts'));
    cpSync(join(STARTER_DIR, 'tests'), join(repo, 'tests'), { recursive: true });
    symlinkSync(join(KIT_ROOT, 'node_modules'), join(repo, 'node_modules'), 'dir');
    copyExerciseFiles(join(submissionsDir, id), join(repo, 'exercises'));
    if (layout === 'single-file') {
      const files = readdirSync(join(STARTER_DIR, 'tests'))
        .filter((f) => f.endsWith('.test.ts'))
        .sort();
      writeFileSync(
        join(repo, 'tests', 'all-in-one.test.ts'),
        files.map((f) => `import './${f.replace(/\.ts$/, '')}';\n`).join(''),
      );
    }
    return repo;
  });
}

/** `npm test` in every repository, `parallel` at a time (one per core, as two Classroom runners would share this machine). */
export async function runClassroom(
  repos: readonly string[],
  layout: ClassroomLayout,
  parallel: number,
): Promise<ClassroomRun> {
  const args = layout === 'single-file' ? ['test', '--', 'all-in-one'] : ['test'];
  const start = performance.now();
  const finished = await inParallel(
    repos.map((repo) => () => run('npm', args, { cwd: repo })),
    parallel,
  );
  const wallMs = performance.now() - start;
  return {
    layout,
    submissions: repos.length,
    parallel,
    wallMs: Math.round(wallMs),
    submissionsPerSecond: repos.length / (wallMs / 1000),
    medianMsPerSubmission: Math.round(median(finished.map((f) => f.wallMs))),
    allPassed: finished.filter((f) => f.code === 0).length,
    correctButFailed: finished.flatMap((f, i) => {
      const submission = basename(repos[i]);
      return f.code !== 0 && submission.endsWith('-correct')
        ? [{ submission, code: f.code, wallMs: Math.round(f.wallMs), stderrTail: f.stderr.slice(-2000) }]
        : [];
    }),
  };
}
