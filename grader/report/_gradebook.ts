import { stringify } from 'csv-stringify/sync';
import { printable } from '../shipped/output/printable';
import type { SummaryResult } from '../shipped/results/model';
import type { GradingFailure } from './_class-view';
import { formatPoints } from '../shipped/report/text';

/** The Canvas column that the whole assignment's points go to; rename it in the file to target an existing assignment ("Title (id)"). */
export const GRADEBOOK_ASSIGNMENT = 'Gradient descent exercises';

const IDENTITY_COLUMNS = ['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section'] as const;

/**
 * gradebook.csv in the layout of Canvas's gradebook export, which Canvas's importer reads back
 * (see README.md in this folder for the sources): the five identity columns, then one assignment
 * column with the total, then one column per exercise. The second row is Canvas's "Points
 * Possible" row; the exercise columns say "(read only)" there, which is how Canvas marks computed
 * columns that an import must skip, so importing never counts a point twice. Moodle's CSV import
 * reads the same file: map "SIS Login ID" to the username, and the total column to a grade item
 * (Moodle skips the "Points Possible" row because its identifier cell is empty).
 *
 * The student id (the folder name, made printable: a control character in it becomes a visible
 * escape such as `\n`, so that every student is one row whatever their folder is called) goes into
 * "Student" and "SIS Login ID". A folder that could not be graded gets a row with empty grade cells,
 * which both importers read as "no grade", never as 0.
 */
export function gradebookCsv(
  results: readonly SummaryResult[],
  failures: readonly GradingFailure[] = [],
  title: string = GRADEBOOK_ASSIGNMENT,
): string {
  const exerciseIds = [...new Set(results.flatMap((r) => r.exercises.map((e) => e.exercise)))];
  const maxOf = (id: string) =>
    Math.max(0, ...results.flatMap((r) => r.exercises.filter((e) => e.exercise === id).map((e) => e.maxScore)));
  const maxTotal = Math.max(0, ...results.map((r) => r.maxScore));
  const header = [...IDENTITY_COLUMNS, title, ...exerciseIds];
  const pointsPossible = [
    'Points Possible',
    '',
    '',
    '',
    '',
    formatPoints(maxTotal),
    ...exerciseIds.map((id) => `${formatPoints(maxOf(id))} (read only)`),
  ];
  const rows = [
    ...results.map((r) => ({
      id: r.studentId,
      cells: [formatPoints(r.score), ...exerciseIds.map((id) => points(r, id))],
    })),
    ...failures.map((f) => ({ id: f.studentId, cells: ['', ...exerciseIds.map(() => '')] })),
  ]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map(({ id, cells }) => [printable(id), '', '', printable(id), '', ...cells]);
  // escape_formulas: a spreadsheet must not run a folder name that starts with "=", "+", "-" or "@".
  return stringify([header, pointsPossible, ...rows], { escape_formulas: true, record_delimiter: '\r\n' });
}

function points(result: SummaryResult, exercise: string): string {
  const e = result.exercises.find((x) => x.exercise === exercise);
  return e ? formatPoints(e.score) : '';
}
