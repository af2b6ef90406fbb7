import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXERCISES_DIR, SOLUTIONS_DIR } from '../data/paths';
import { CATALOGUE, entryFile, type CatalogueEntry } from '../diagnosis/catalogue';
import { exerciseFile, type ExerciseId } from '../shipped/contract/exercises';
import { firstPublicFailure, renderConsoleSummary } from '../shipped/report/console';
import { gradeExercise } from '../shipped/student/grade-exercise';
import { HANDOUT_ISOLATION } from '../shipped/student/isolation';
import { pendingHiddenOf } from '../shipped/student/kit-data';
import { HANDOUT_LAYOUT } from '../shipped/student/layout';
import type { KitSummary } from '../shipped/student/manifest';
import { feedbackPageLine } from '../shipped/student/reporter';
import { HANDOUT_TSCONFIG, REALM_GLOBALS, typeCheckHandout, typeCheckReport } from '../shipped/student/type-check';

/** The mistake the sample shows being named: a missing factor 2 in the gradient, when the handout has that exercise. */
const SAMPLE_MISTAKE = '02-gradient/missing-factor-2';

/** A handout's work in progress, as the README's sample shows it: the exercises up to one past the mistake done, the rest still stubs. */
export interface SampleWork {
  /** The named mistake, in its exercise's file. */
  readonly mistake: CatalogueEntry | undefined;
  /** The exercises with the reference in place of the stub (the mistake's own exercise has the mistake). */
  readonly done: readonly ExerciseId[];
}

/** Which work the sample shows, for the handout's exercises. */
export function sampleWork(exercises: readonly ExerciseId[]): SampleWork {
  const mistake =
    CATALOGUE.find((e) => e.id === SAMPLE_MISTAKE && exercises.includes(e.exercise)) ??
    exercises.map((id) => CATALOGUE.find((e) => e.exercise === id)).find((e) => e !== undefined);
  const cut = mistake ? exercises.indexOf(mistake.exercise) + 2 : 1;
  return { mistake, done: exercises.slice(0, cut) };
}

/** Writes the sample's exercise files under `root/exercises/`, as a student's checkout holds them. */
export function writeSampleWork(
  root: string,
  exercises: readonly ExerciseId[],
  work: SampleWork = sampleWork(exercises),
) {
  for (const id of exercises) {
    const file = exerciseFile(id);
    const source =
      id === work.mistake?.exercise
        ? entryFile(work.mistake)
        : work.done.includes(id)
          ? join(SOLUTIONS_DIR, id, file)
          : join(EXERCISES_DIR, id, file);
    mkdirSync(join(root, 'exercises', id), { recursive: true });
    cpSync(source, join(root, 'exercises', id, file));
  }
}

/**
 * What the handout's `npm test` prints for the sample's work, made at build time by the handout's
 * own runner and summary (the same modules its kit ships) in a handout folder named `folder`: the
 * README shows real output, not a mock-up. tests/handout runs `npm test` on the same work and
 * compares.
 */
export async function sampleRun(
  summary: KitSummary,
  manifestDir: string,
  folder: string,
): Promise<{ readonly text: string; readonly work: SampleWork; readonly whereToLook: string | undefined }> {
  const exercises = summary.exercises.map((e) => e.exercise);
  const root = join(mkdtempSync(join(tmpdir(), 'handout-sample-')), folder);
  const work = sampleWork(exercises);
  try {
    writeSampleWork(root, exercises, work);
    const graded = [];
    for (const id of exercises) graded.push(await gradeExercise(id, { root, manifestDir, studentId: folder }));
    const results = graded.map((g) => g.result);
    const result = {
      studentId: folder,
      seed: summary.seed,
      graderVersion: summary.graderVersion,
      score: results.reduce((s, e) => s + e.score, 0),
      maxScore: results.reduce((s, e) => s + e.maxScore, 0),
      exercises: results,
      isolation: HANDOUT_ISOLATION,
      contentHash: graded[0].contentHash,
      executionTime: 0,
    };
    return {
      text: `${renderConsoleSummary(result, { color: false, pendingHidden: pendingHiddenOf(summary) })}\n${feedbackPageLine(HANDOUT_LAYOUT.feedbackPage)}`,
      work,
      whereToLook: firstPublicFailure(result)?.ch.id,
    };
  } finally {
    rmSync(join(root, '..'), { recursive: true, force: true });
  }
}

/** The exercise, the stub line and the typo the README's type-error sample shows. */
const TYPO = {
  exercise: '01-cost',
  stubLine: /^\s*throw new Error\('not implemented yet.*$/m,
  typo: '  return line.mm;',
} as const;

/**
 * What `npm test` prints first when a file does not type-check, made by the handout's own type check
 * on the first exercise's stub with its body replaced by \`return line.mm;\`, with the handout's
 * tsconfig.json, types.ts and realm globals (undefined when the handout has no such exercise).
 */
export function typeErrorSample(exercises: readonly ExerciseId[]) {
  if (!exercises.includes(TYPO.exercise)) return undefined;
  const handoutFiles = {
    'tsconfig.json': JSON.stringify(HANDOUT_TSCONFIG),
    'exercises/types.ts': readFileSync(join(EXERCISES_DIR, 'types.ts'), 'utf8'),
    [`${HANDOUT_LAYOUT.kit}/${REALM_GLOBALS.path}`]: REALM_GLOBALS.text,
  };
  const root = mkdtempSync(join(tmpdir(), 'handout-typo-'));
  try {
    for (const [path, text] of Object.entries(handoutFiles)) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const file = exerciseFile(TYPO.exercise);
    const stub = readFileSync(join(EXERCISES_DIR, TYPO.exercise, file), 'utf8');
    mkdirSync(join(root, 'exercises', TYPO.exercise), { recursive: true });
    writeFileSync(join(root, 'exercises', TYPO.exercise, file), stub.replace(TYPO.stubLine, TYPO.typo));
    return {
      typo: TYPO.typo.trim(),
      file: `exercises/${TYPO.exercise}/${file}`,
      text: typeCheckReport(typeCheckHandout(root)).trimEnd(),
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
