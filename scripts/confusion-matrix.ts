/**
 * Grades every catalogue entry (its variant file over the reference) and every correct variant
 * under tests/fixtures/correct, and prints the confusion matrix of true mistake against
 * diagnosed mistake, per exercise, with three numbers: false passes (a buggy submission graded
 * 100), false fails (a correct one graded below 100) and diagnosis accuracy (entries named as
 * themselves). Grades with a fresh seed, as grading does, and prints it; `--seed <n>` replays a run.
 * Run: node -r ts-node/register scripts/confusion-matrix.ts [--seed <n>]
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { KIT_ROOT } from '../grader/data/paths';
import { InProcessPort } from '../grader/shipped/door/in-process-port';
import { gradeSubmission } from '../grader/engine/grade-submission';
import { freshSeed } from '../grader/shipped/checks/seeds';
import { CATALOGUE, catalogueOf } from '../grader/diagnosis/catalogue';
import { entrySubmission, referenceSubmission } from '../grader/diagnosis/variant-submission';
import { EXERCISE_IDS, type ExerciseId } from '../grader/shipped/contract/exercises';
import type { ExerciseResult, SubmissionResult } from '../grader/shipped/results/model';
import { readSubmission, type Submission } from '../grader/shipped/submission/read-submission';

const CORRECT_DIR = join(KIT_ROOT, 'tests', 'fixtures', 'correct');
const seedFlag = process.argv.indexOf('--seed');
const SEED = seedFlag >= 0 ? Number(process.argv[seedFlag + 1]) : freshSeed();

async function grade(submission: Submission): Promise<SubmissionResult> {
  const port = new InProcessPort(submission, referenceSubmission());
  try {
    return await gradeSubmission(submission, port, { plots: false, seed: SEED });
  } finally {
    await port.close();
  }
}

/** What the grader said about one exercise: the entry it named, `unrecognised`, or `none` (no diagnosis: the exercise kept its marks). */
function diagnosedAs(result: ExerciseResult | undefined): string {
  if (!result) return 'none';
  return result.diagnosis?.id ?? (result.unrecognised ? 'unrecognised' : 'none');
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows
    .map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '))
    .join('\n');
}

async function main(): Promise<void> {
  const started = Date.now();
  const entryResults = new Map<string, SubmissionResult>();
  for (const entry of CATALOGUE) entryResults.set(entry.id, await grade(entrySubmission(entry)));
  const styles = readdirSync(CORRECT_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const correctResults = new Map<string, SubmissionResult>();
  for (const style of styles)
    correctResults.set(style, await grade(readSubmission(join(CORRECT_DIR, style), `correct-${style}`)));

  for (const exercise of EXERCISE_IDS) {
    const entries = catalogueOf(exercise);
    const columns = [...entries.map((e) => e.id), 'none', 'unrecognised', 'other'];
    const header = ['true \\ diagnosed', ...columns.map((_, i) => (i < entries.length ? String(i + 1) : columns[i]))];
    const count = (labels: string[]) =>
      columns.map(
        (column) =>
          labels.filter((l) => (column === 'other' ? !columns.slice(0, -1).includes(l) : l === column)).length,
      );
    const rows = entries.map((entry, i) => [
      `${i + 1} ${entry.id}`,
      ...count([diagnosedAs(exerciseOf(entryResults.get(entry.id)!, exercise))]).map(cell),
    ]);
    rows.push([
      `correct (${styles.length} variants)`,
      ...count(styles.map((s) => diagnosedAs(exerciseOf(correctResults.get(s)!, exercise)))).map(cell),
    ]);
    console.log(`\n${exercise}\n${table([header, ...rows])}`);
  }

  const falsePasses = CATALOGUE.filter((e) => entryResults.get(e.id)!.score === entryResults.get(e.id)!.maxScore);
  const falseFails = styles.filter((s) => correctResults.get(s)!.score < correctResults.get(s)!.maxScore);
  const named = CATALOGUE.filter((e) => exerciseOf(entryResults.get(e.id)!, e.exercise)?.diagnosis?.id === e.id);
  console.log(`\nseed ${SEED} (replay with --seed ${SEED})`);
  console.log(
    `catalogue entries: ${CATALOGUE.length} (${EXERCISE_IDS.map((id) => `${id} ${catalogueOf(id).length}`).join(', ')}); correct variants: ${styles.length}`,
  );
  console.log(
    `false passes (buggy graded 100): ${falsePasses.length} of ${CATALOGUE.length}${falsePasses.length ? ` — ${falsePasses.map((e) => e.id).join(', ')}` : ''}`,
  );
  console.log(
    `false fails (correct graded < 100): ${falseFails.length} of ${styles.length}${falseFails.length ? ` — ${falseFails.join(', ')}` : ''}`,
  );
  console.log(
    `diagnosis accuracy (entries named as themselves): ${named.length}/${CATALOGUE.length} = ${((100 * named.length) / CATALOGUE.length).toFixed(1)}%`,
  );
  console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

const cell = (n: number) => (n === 0 ? '.' : String(n));
const exerciseOf = (result: SubmissionResult, exercise: ExerciseId) =>
  result.exercises.find((e) => e.exercise === exercise);

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
