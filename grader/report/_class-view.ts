import { studentFolders } from '../output/student-folder';
import type { SummaryResult } from '../shipped/results/model';
import type { RenderedPlot } from './_render-plots';
import { EXERCISE_NAMES, plotView, type PlotView } from '../shipped/report/student-view';
import { formatPoints, percent, plural, type TextFormat } from '../shipped/report/text';
import { regradeView, type RegradePreview, type RegradeView } from './_regrade';

export interface GradingFailure {
  readonly studentId: string;
  readonly message: string;
}

/** What the class summary templates receive. */
export interface ClassView {
  readonly title: string;
  readonly overview: string;
  readonly stats: readonly { readonly label: string; readonly value: string }[];
  readonly histogram: PlotView | null;
  readonly exerciseColumns: readonly {
    readonly id: string;
    readonly number: string;
    readonly short: string;
    readonly max: string;
  }[];
  readonly exercises: readonly RateRow[];
  readonly checkGroups: readonly {
    readonly exercise: string;
    readonly name: string;
    readonly checks: readonly (RateRow & { readonly hidden: boolean })[];
  }[];
  readonly misconceptions: readonly MisconceptionRow[];
  readonly hasMisconceptions: boolean;
  readonly unrecognised: readonly MisconceptionRow[];
  readonly hasUnrecognised: boolean;
  readonly students: readonly StudentRow[];
  readonly hasStudents: boolean;
  readonly failures: readonly { readonly studentId: string; readonly message: string }[];
  readonly hasFailures: boolean;
  /** A regrade preview's section: who gains or loses what; null in an ordinary summary. */
  readonly regrade: RegradeView | null;
}

export interface RateRow {
  readonly id: string;
  readonly name: string;
  readonly passed: string;
  readonly percent: number;
  /** passed (80 % and more), partial (50 % and more) or failed: the colour of the bar, next to the number. */
  readonly level: 'passed' | 'partial' | 'failed';
  readonly mean: string;
}

export interface MisconceptionRow {
  readonly name: string;
  readonly exercise: string;
  readonly id: string;
  readonly count: number;
  readonly students: readonly StudentLink[];
}

export interface StudentLink {
  readonly name: string;
  readonly href: string;
}

export interface StudentRow extends StudentLink {
  readonly total: string;
  readonly percent: number;
  readonly cells: readonly { readonly score: string; readonly full: boolean }[];
  readonly notes: string;
}

/**
 * The class summary's view model, a pure function of every student's result (and of the folders
 * that could not be graded at all). `reportFile` is what a student's link points at:
 * `report.html` from the HTML summary, `report.md` from the Markdown one, in the student's folder
 * as `studentFolders` names it. Every string from a submission (ids, messages) goes through `fmt`,
 * which makes it printable.
 */
export function classView(
  results: readonly SummaryResult[],
  failures: readonly GradingFailure[],
  fmt: TextFormat,
  reportFile: 'report.html' | 'report.md',
  histogram?: RenderedPlot,
  regrade?: RegradePreview,
): ClassView {
  const sorted = [...results].sort((a, b) => compareIds(a.studentId, b.studentId));
  const graded = sorted.length;
  // The batch puts each student's reports in the folder studentFolders gives over the whole class: graded or not.
  const folders = studentFolders([...sorted, ...failures].map((s) => s.studentId));
  const link = (studentId: string): StudentLink => ({
    name: fmt.text(studentId),
    href: `${encodePathSegment(folders.get(studentId)!)}/${reportFile}`,
  });
  const maxScore = Math.max(0, ...sorted.map((r) => r.maxScore));
  const totals = sorted.map((r) => r.score);
  const exerciseIds = unique(sorted.flatMap((r) => r.exercises.map((e) => e.exercise)));

  const exercises = exerciseIds.map((id): RateRow => {
    const rows = sorted.flatMap((r) => r.exercises.filter((e) => e.exercise === id));
    const full = rows.filter((e) => e.score >= e.maxScore).length;
    const max = Math.max(0, ...rows.map((e) => e.maxScore));
    return {
      id: fmt.text(id),
      name: fmt.text(EXERCISE_NAMES[id] ?? id),
      passed: `${full} / ${rows.length}`,
      percent: percent(full, rows.length),
      level: levelOf(percent(full, rows.length)),
      mean: `${formatPoints(round1(mean(rows.map((e) => e.score))))} / ${formatPoints(max)}`,
    };
  });

  const checkGroups = exerciseIds.map((id) => {
    const checks = sorted.flatMap((r) => r.exercises.filter((e) => e.exercise === id).flatMap((e) => e.checks));
    const checkIds = unique(checks.map((c) => c.id));
    return {
      exercise: fmt.text(id),
      name: fmt.text(EXERCISE_NAMES[id] ?? id),
      checks: checkIds.map((checkId) => {
        const runs = checks.filter((c) => c.id === checkId);
        const passed = runs.filter((c) => c.status === 'pass').length;
        return {
          id: fmt.code(checkId),
          name: fmt.text(runs[0].title),
          passed: `${passed} / ${runs.length}`,
          percent: percent(passed, runs.length),
          level: levelOf(percent(passed, runs.length)),
          mean: `${formatPoints(round1(mean(runs.map((c) => c.points))))} / ${formatPoints(runs[0].maxPoints)}`,
          hidden: runs[0].visibility === 'hidden',
        };
      }),
    };
  });

  const named = new Map<string, { name: string; exercise: string; students: string[] }>();
  const unknown = new Map<string, string[]>();
  for (const r of sorted) {
    for (const e of r.exercises) {
      if (e.diagnosis) {
        const entry = named.get(e.diagnosis.id) ?? { name: e.diagnosis.name, exercise: e.exercise, students: [] };
        entry.students.push(r.studentId);
        named.set(e.diagnosis.id, entry);
      } else if (e.unrecognised) {
        unknown.set(e.exercise, [...(unknown.get(e.exercise) ?? []), r.studentId]);
      }
    }
  }
  const misconceptions = [...named.entries()]
    .sort(([ia, a], [ib, b]) => b.students.length - a.students.length || ia.localeCompare(ib))
    .map(([id, m]): MisconceptionRow => ({
      name: fmt.text(m.name),
      exercise: fmt.text(m.exercise),
      id: fmt.code(id),
      count: m.students.length,
      students: m.students.map(link),
    }));
  const unrecognised = [...unknown.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([exercise, students]): MisconceptionRow => ({
      name: fmt.text('failed, but matched no known misconception'),
      exercise: fmt.text(exercise),
      id: '',
      count: students.length,
      students: students.map(link),
    }));

  const failed = [...failures].sort((a, b) => compareIds(a.studentId, b.studentId));
  const sortedTotals = [...totals].sort((a, b) => a - b);
  return {
    title: fmt.text('Gradient descent: class summary'),
    overview: fmt.text(
      `${plural(graded + failed.length, 'submission')}: ${graded} graded${failed.length ? `, ${failed.length} could not be graded` : ''}.` +
        (graded ? ` ${plural(sorted.filter((r) => r.score >= r.maxScore).length, 'student')} scored full marks.` : ''),
    ),
    stats: graded
      ? [
          { label: 'graded', value: String(graded) },
          { label: 'mean', value: `${formatPoints(round1(mean(totals)))} / ${formatPoints(maxScore)}` },
          { label: 'median', value: `${formatPoints(median(sortedTotals))} / ${formatPoints(maxScore)}` },
          { label: 'full marks', value: `${sorted.filter((r) => r.score >= r.maxScore).length} / ${graded}` },
        ]
      : [{ label: 'graded', value: '0' }],
    histogram: histogram ? plotView(histogram, fmt) : null,
    exerciseColumns: exerciseIds.map((id) => ({
      id: fmt.text(id),
      number: fmt.text(id.split('-')[0]),
      short: fmt.text(id.split('-').slice(1).join(' ')),
      max: formatPoints(
        Math.max(0, ...sorted.flatMap((r) => r.exercises.filter((e) => e.exercise === id).map((e) => e.maxScore))),
      ),
    })),
    exercises,
    checkGroups,
    misconceptions,
    hasMisconceptions: misconceptions.length > 0,
    unrecognised,
    hasUnrecognised: unrecognised.length > 0,
    students: sorted.map((r) => ({
      ...link(r.studentId),
      total: `${formatPoints(r.score)} / ${formatPoints(r.maxScore)}`,
      percent: percent(r.score, r.maxScore),
      cells: exerciseIds.map((id) => {
        const e = r.exercises.find((x) => x.exercise === id);
        return e ? { score: formatPoints(e.score), full: e.score >= e.maxScore } : { score: '—', full: false };
      }),
      notes: fmt.text(
        r.exercises.flatMap((e) => (e.diagnosis ? [`${e.exercise}: ${e.diagnosis.name}`] : [])).join('; '),
      ),
    })),
    hasStudents: graded > 0,
    failures: failed.map((f) => ({ studentId: fmt.text(f.studentId), message: fmt.text(f.message) })),
    hasFailures: failed.length > 0,
    regrade: regrade ? regradeView(regrade, fmt, link) : null,
  };
}

/** A student id as one path segment of a relative URL; parentheses too, so that Markdown links stay whole. */
export function encodePathSegment(value: string): string {
  return encodeURIComponent(value).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function levelOf(rate: number): 'passed' | 'partial' | 'failed' {
  return rate >= 80 ? 'passed' : rate >= 50 ? 'partial' : 'failed';
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function mean(values: readonly number[]): number {
  return values.length ? values.reduce((s, v) => s + v, 0) / values.length : 0;
}

function median(sorted: readonly number[]): number {
  return sorted.length ? (sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2 : 0;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
