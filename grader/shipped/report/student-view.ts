import type { ExerciseId } from '../contract/exercises';
import type { StudentResult } from '../results/for-student';
import type { CheckResult, CheckStatus, ExerciseResult, SubmissionResult } from '../results/model';
import { replayCommandFor } from '../results/replay';
import { printable } from '../output/printable';
import { compareRows, layoutInput, type ComparisonRow } from './inputs';
import type { PendingView } from './status';
import { anchorOf, formatPoints, formatSmall, percent, plural, type TextFormat } from './text';

/** A plot ready for a page: its words, its numbers, and the SVG vega drew (the grader's grader/report/_render-plots.ts draws them). */
export interface RenderedPlot {
  readonly id: string;
  readonly title: string;
  readonly caption: string;
  readonly alt: string;
  readonly table: PlotTable;
  readonly svg: string;
}

/** What a plot draws, as a table: with the caption, the plot's text alternative. The first column names the row. */
export interface PlotTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Which rows are shown when they are not all of the data ("every iteration up to 15, then a selection"). */
  readonly note?: string;
}

/** What the student report templates receive: every string final, every decision already taken. */
export interface StudentView {
  readonly title: string;
  /** Set only on the instructor's report: a warning that the page shows hidden inputs and must not reach the student. */
  readonly instructorNote: string | null;
  readonly studentId: string;
  readonly score: ScoreView;
  readonly verdict: string;
  /** Set on a run of the public checks alone (the handout's feedback page, `pendingView`): the status in place of a grade. */
  readonly pending: PendingView | null;
  readonly seed: string;
  readonly graderVersion: string;
  readonly contentHash: string;
  readonly startHere: { readonly exercise: string; readonly anchor: string; readonly text: string } | null;
  readonly exercises: readonly ExerciseView[];
  readonly plots: readonly PlotView[];
  readonly hasPlots: boolean;
  readonly hiddenChecks: readonly HiddenCheckView[];
  readonly hasHiddenChecks: boolean;
  readonly isolation: readonly {
    readonly name: string;
    readonly state: string;
    readonly active: boolean;
    readonly detail: string;
  }[];
}

export interface ScoreView {
  readonly points: string;
  readonly max: string;
  readonly label: string;
  readonly percent: number;
}

export interface ExerciseView {
  readonly id: string;
  readonly anchor: string;
  readonly name: string;
  readonly file: string;
  readonly score: ScoreView;
  readonly status: 'passed' | 'partial' | 'failed';
  readonly statusLabel: string;
  readonly icon: string;
  readonly passed: boolean;
  /** Why the exercise could not be graded (its file does not load, or is the stub): only on an exercise that lost points. */
  readonly notice: string | null;
  /**
   * What is still worth knowing about an exercise that passed, in words that fit a pass: its file
   * does not load in the student's own submission, only with the reference beneath it.
   */
  readonly passNote: string | null;
  readonly diagnosis: {
    readonly name: string;
    readonly explanation: string;
    readonly hint: string;
    readonly evidence: string;
    readonly id: string;
  } | null;
  /** Why no known mistake was named: a sentence, what was looked at under it, and the failing checks as a list. */
  readonly unrecognised: UnrecognisedView | null;
  readonly rootCause: { readonly message: string; readonly note: string } | null;
  readonly observations: readonly { readonly title: string; readonly text: string }[];
  readonly hasObservations: boolean;
  /** Set when the observations come from runs with the reference in place of a broken dependency: says so, before them. */
  readonly observationsNote: string | null;
  readonly failures: readonly FailureView[];
  readonly hasFailures: boolean;
  readonly briefFailures: readonly {
    readonly title: string;
    readonly message: string;
    readonly codeLinks: readonly CodeLinkView[];
    readonly hasCodeLinks: boolean;
  }[];
  readonly hasBriefFailures: boolean;
  /** Failing hidden checks on the student's report: the title and the fixed sentence `forStudent` left, nothing else. */
  readonly hiddenFailures: readonly { readonly title: string; readonly message: string }[];
  readonly hasHiddenFailures: boolean;
  /** Checks that passed but whose points the rubric held back, with why (grader/engine/rubric.ts). */
  readonly heldBack: readonly { readonly title: string; readonly message: string }[];
  readonly hasHeldBack: boolean;
  readonly checks: readonly CheckRowView[];
  readonly summary: string;
  /** The student's file beside the feedback: on the instructor's report, when the submission was at hand. */
  readonly source: SourceView | null;
}

export interface UnrecognisedView {
  readonly lead: string;
  readonly notes: readonly string[];
  readonly listTitle: string | null;
  readonly items: readonly string[];
  readonly hasItems: boolean;
}

export interface CheckRowView {
  readonly title: string;
  readonly icon: string;
  readonly result: string;
  readonly points: string;
  readonly visibility: string;
  readonly hidden: boolean;
  readonly passed: boolean;
}

export interface HiddenCheckView {
  readonly exercise: string;
  readonly title: string;
  readonly icon: string;
  readonly result: string;
  readonly points: string;
}

export interface FailureView {
  readonly anchor: string;
  readonly title: string;
  /** "hidden check" on the instructor's report, where hidden failures are shown in full; null otherwise. */
  readonly visibilityNote: string | null;
  readonly checkId: string;
  readonly result: string;
  readonly points: string;
  readonly message: string;
  readonly likelyCause: string | null;
  readonly hasInput: boolean;
  readonly inputTables: readonly {
    readonly name: string;
    readonly rows: readonly { readonly x: string; readonly y: string }[];
    readonly more: string | null;
  }[];
  readonly inputValues: readonly { readonly name: string; readonly value: string }[];
  readonly shrinks: string | null;
  readonly comparison: readonly ComparisonRow[];
  readonly hasComparison: boolean;
  readonly tolerance: string | null;
  readonly observedError: string | null;
  readonly seed: string;
  readonly path: string | null;
  readonly replay: string | null;
  readonly plot: PlotView | null;
  /** On the instructor's report: the functions this check called, in the code beside it. */
  readonly codeLinks: readonly CodeLinkView[];
  readonly hasCodeLinks: boolean;
}

export interface PlotView {
  readonly id: string;
  readonly title: string;
  readonly caption: string;
  readonly alt: string;
  readonly svg: string;
  readonly table: PlotTableView;
}

export interface PlotTableView {
  readonly columns: readonly string[];
  readonly rows: readonly { readonly head: string; readonly cells: readonly string[] }[];
  readonly note: string | null;
}

/** A student's exercise file as the grader read and coloured it (grader/report/_submission-code.ts), for the instructor's report. */
export interface SourceListing {
  readonly exercise: string;
  /** The file's lines, each as coloured tokens: the text is the file's own, the style CSS from the highlighter's theme. */
  readonly lines: readonly (readonly { readonly text: string; readonly style: string }[])[];
  /** Where each export of the exercise is declared, by name: 1-based lines, both included. */
  readonly declarations: readonly { readonly name: string; readonly start: number; readonly end: number }[];
  /** Why the file is not shown, when `lines` is empty: it is missing, unreadable, or changed since it was graded. */
  readonly unavailable?: string;
}

/** What the instructor's report knows of the submission beyond its result: where it is, and its code. */
export interface InstructorSubmission {
  /** The submission folder as the instructor's shell reaches it: the replay commands name it. */
  readonly path: string;
  readonly listings: readonly SourceListing[];
  /** The exports a check calls: the functions a failing check links to. */
  exportsAtFault(check: CheckResult): readonly string[];
}

/** The student's file beside the feedback, on the instructor's report. */
export interface SourceView {
  readonly anchor: string;
  readonly file: string;
  readonly note: string | null;
  readonly hasLines: boolean;
  readonly lines: readonly SourceLineView[];
  /** Some line is inside a function that a failing check called (marked ▸). */
  readonly hasFault: boolean;
}

export interface SourceLineView {
  readonly number: number;
  /** Ids of the exported functions whose declaration starts on this line: a failing check links here. */
  readonly anchors: readonly string[];
  /** Inside the declaration of a function that a failing check links to. */
  readonly fault: boolean;
  /** `escaped`: the text held control or invisible characters, shown as escapes such as `\u202e`. */
  readonly tokens: readonly { readonly text: string; readonly style: string; readonly escaped: boolean }[];
}

/** A link from a failing check to the function it called, in the code beside it. */
export interface CodeLinkView {
  readonly href: string;
  readonly name: string;
  readonly lines: string;
}

/** Each exercise's heading in reports, by id: every exercise of the contract has one. */
export const EXERCISE_NAMES: Readonly<Record<ExerciseId, string>> = {
  '01-cost': 'The cost J(m, b)',
  '02-gradient': 'The gradient of J',
  '03-step': 'One step of gradient descent',
  '04-descent': 'Gradient descent',
  '05-valley': 'Descent down a valley',
  '06-learning-rate': 'Least squares and the stability limit',
  '07-feature-scaling': 'Feature scaling',
  '08-multivariate': 'Several features',
  '09-normal-equation': 'The normal equation',
  '10-mini-batch': 'Mini-batch descent',
  '11-momentum': 'Momentum',
};

const RESULT: Record<CheckStatus, { icon: string; label: string }> = {
  pass: { icon: '✓', label: 'passed' },
  fail: { icon: '✗', label: 'failed' },
  error: { icon: '!', label: 'could not run' },
  'not-implemented': { icon: '○', label: 'not implemented yet' },
};

/** Who a report is for: the student sees hidden checks by name only; the instructor sees every check in full. */
type Audience = 'student' | 'instructor';

const INSTRUCTOR_NOTE =
  'Instructor only. This report shows the hidden checks in full: their inputs, the reference’s expected values, the student’s answers and messages, and how to replay them. Give students report.html or report.md, never this file.';

/**
 * The student report's view model, a pure function of the student's view of a grading result
 * (`forStudent`: hidden checks already reduced to their names and fixed sentences). `plots` are the
 * rendered plots by id (the data-fit, cost, valley and learning-rate plots, and one per failing
 * line-valued public check); a plot that is not there is simply left out.
 */
export function studentView(result: StudentResult, fmt: TextFormat, plots: readonly RenderedPlot[] = []): StudentView {
  return reportView(result, fmt, plots, 'student');
}

/**
 * The instructor's report: the same page from the full result, every failing check, hidden ones
 * included, shown in full, under a warning. With the `submission` at hand, each exercise shows the
 * student's file beside its feedback, each failing check links to the functions it called, and the
 * replay commands name the submission's folder.
 */
export function instructorView(
  result: SubmissionResult,
  fmt: TextFormat,
  plots: readonly RenderedPlot[] = [],
  submission?: InstructorSubmission,
): StudentView {
  return reportView(result, fmt, plots, 'instructor', submission);
}

function reportView(
  result: SubmissionResult,
  fmt: TextFormat,
  plots: readonly RenderedPlot[],
  audience: Audience,
  submission?: InstructorSubmission,
): StudentView {
  const plotById = new Map(plots.map((p) => [p.id, plotView(p, fmt)]));
  const exercises = result.exercises.map((e) => exerciseView(e, fmt, plotById, audience, submission));
  const passedCount = exercises.filter((e) => e.passed).length;
  const firstOpen = result.exercises.find((e) => e.score < e.maxScore);
  const hidden = result.exercises.flatMap((e) =>
    e.checks.filter((c) => c.visibility === 'hidden').map((c) => ({ e, c })),
  );
  return {
    title: fmt.text(
      `Gradient descent: ${audience === 'instructor' ? 'instructor report' : 'report'} for ${result.studentId}`,
    ),
    instructorNote: audience === 'instructor' ? fmt.text(INSTRUCTOR_NOTE) : null,
    studentId: fmt.text(result.studentId),
    score: scoreView(result.score, result.maxScore),
    pending: null,
    verdict: fmt.text(
      passedCount === exercises.length
        ? `All ${exercises.length} exercises pass. Well done.`
        : passedCount === 0
          ? 'No exercise passes completely yet. The sections below say what is missing and where to start.'
          : `${passedCount} of ${exercises.length} exercises pass completely. The sections below say what went wrong and where to look.`,
    ),
    seed: fmt.code(String(result.seed)),
    graderVersion: fmt.code(result.graderVersion),
    contentHash: fmt.code(result.contentHash.slice(0, 12)),
    startHere: firstOpen
      ? {
          exercise: fmt.text(firstOpen.exercise),
          anchor: `exercise-${anchorOf(firstOpen.exercise)}`,
          text: fmt.text(startHereText(firstOpen)),
        }
      : null,
    exercises,
    plots: [...plotById.values()].filter((p) => !p.id.startsWith('counterexample-')),
    hasPlots: plots.some((p) => !p.id.startsWith('counterexample-')),
    hiddenChecks: hidden.map(({ e, c }) => ({
      exercise: fmt.text(e.exercise),
      title: fmt.text(c.title),
      icon: RESULT[c.status].icon,
      result: RESULT[c.status].label,
      points: `${formatPoints(c.points)} / ${formatPoints(c.maxPoints)}`,
    })),
    hasHiddenChecks: hidden.length > 0,
    isolation: result.isolation.map((l) => ({
      name: fmt.text(l.name),
      state: l.active ? 'on' : 'off',
      active: l.active,
      detail: fmt.text(l.detail),
    })),
  };
}

function exerciseView(
  exercise: ExerciseResult,
  fmt: TextFormat,
  plots: ReadonlyMap<string, PlotView>,
  audience: Audience,
  submission: InstructorSubmission | undefined,
): ExerciseView {
  const status = exercise.score >= exercise.maxScore ? 'passed' : exercise.score > 0 ? 'partial' : 'failed';
  const detailed =
    audience === 'instructor' ? exercise.checks : exercise.checks.filter((c) => c.visibility === 'public');
  const notice = status === 'passed' ? undefined : noticeOf(exercise);
  const isolated = exercise.rootCause?.gradedInIsolation ? exercise.rootCause.brokenDependency : undefined;
  const failures = notice ? [] : detailed.filter((c) => c.status === 'fail');
  const brief = detailed
    .filter((c) => c.status === 'error' || c.status === 'not-implemented')
    .filter((c) => !notice || c.message !== notice.raw);
  const hiddenFailures =
    audience === 'instructor' || notice
      ? []
      : exercise.checks.filter((c) => c.visibility === 'hidden' && c.status !== 'pass');
  const heldBack = exercise.checks.filter((c) => c.status === 'pass' && c.heldBack);
  const failing = exercise.checks.filter((c) => c.status !== 'pass');
  const code = submission && codeOf(exercise, failing, submission);
  return {
    id: fmt.text(exercise.exercise),
    anchor: `exercise-${anchorOf(exercise.exercise)}`,
    name: fmt.text(EXERCISE_NAMES[exercise.exercise] ?? exercise.exercise),
    file: fmt.code(exercise.file),
    score: scoreView(exercise.score, exercise.maxScore),
    status,
    statusLabel: { passed: 'passed', partial: 'partly done', failed: 'not yet' }[status],
    icon: { passed: '✓', partial: '◐', failed: '✗' }[status],
    passed: status === 'passed',
    notice: notice ? fmt.text(notice.text) : null,
    passNote: status === 'passed' ? passNoteOf(exercise, fmt) : null,
    diagnosis: exercise.diagnosis
      ? {
          id: fmt.code(exercise.diagnosis.id),
          name: fmt.text(exercise.diagnosis.name),
          explanation: fmt.text(exercise.diagnosis.explanation),
          hint: fmt.text(exercise.diagnosis.hint),
          evidence: fmt.text(exercise.diagnosis.evidence),
        }
      : null,
    unrecognised: exercise.unrecognised ? unrecognisedView(exercise.unrecognised, fmt) : null,
    rootCause: exercise.rootCause
      ? {
          message: fmt.text(exercise.rootCause.message),
          note: fmt.text(
            exercise.rootCause.brokenDependency === exercise.exercise
              ? exercise.rootCause.gradedInIsolation
                ? 'The cause is another function of this file: the checks of the function that calls it were graded over your own functions, so its score grades its own code alone.'
                : 'The cause is also another function of this file: fix that one first.'
              : exercise.rootCause.gradedInIsolation
                ? `This exercise's own checks ran with the reference ${exercise.rootCause.brokenDependency} in place of yours, so its score grades this exercise's code alone.`
                : `Fix ${exercise.rootCause.brokenDependency} first: this exercise builds on it.`,
          ),
        }
      : null,
    observations: (exercise.observations ?? []).map((o) => ({ title: fmt.text(o.title), text: fmt.text(o.text) })),
    hasObservations: (exercise.observations ?? []).length > 0,
    observationsNote:
      isolated && (exercise.observations ?? []).length
        ? fmt.text(
            `The notes below come from runs of your ${exercise.exercise} with the reference ${isolated} in place of yours, as it was graded, not with your own ${isolated}, which lost points.`,
          )
        : null,
    failures: failures.map((c) => failureView(c, exercise, fmt, plots, submission)),
    hasFailures: failures.length > 0,
    briefFailures: brief.map((c) => {
      const codeLinks = submission ? codeLinksOf(c, submission) : [];
      return { title: fmt.text(c.title), message: fmt.text(c.message), codeLinks, hasCodeLinks: codeLinks.length > 0 };
    }),
    hasBriefFailures: brief.length > 0,
    hiddenFailures: hiddenFailures.map((c) => ({ title: fmt.text(c.title), message: fmt.text(c.message) })),
    hasHiddenFailures: hiddenFailures.length > 0,
    heldBack: heldBack.map((c) => ({ title: fmt.text(c.title), message: fmt.text(c.heldBack!.message) })),
    hasHeldBack: heldBack.length > 0,
    checks: exercise.checks.map((c) => ({
      title: fmt.text(c.title),
      icon: RESULT[c.status].icon,
      result: c.heldBack ? 'passed, points held back' : RESULT[c.status].label,
      points: `${formatPoints(c.points)} / ${formatPoints(c.maxPoints)}`,
      visibility: c.visibility,
      hidden: c.visibility === 'hidden',
      passed: c.status === 'pass',
    })),
    summary: fmt.text(
      failing.length === 0
        ? `All ${plural(exercise.checks.length, 'check')} pass.`
        : `${failing.length} of ${plural(exercise.checks.length, 'check')} did not pass${failing.some((c) => c.visibility === 'hidden') ? ` (${failing.filter((c) => c.visibility === 'hidden').length} of them hidden)` : ''}.`,
    ),
    source: code ? sourceView(exercise, code.listing, code.atFault, fmt) : null,
  };
}

/**
 * The diagnosis' "no known mistake" text, one part a line (grader/diagnosis, and the handout's
 * runner): its first line is the sentence, `- ` lines are the list, the line that introduces the
 * list is its title, and any other line a note under the sentence.
 */
function unrecognisedView(text: string, fmt: TextFormat): UnrecognisedView {
  const [lead, ...rest] = text.split('\n').map((line) => line.trim());
  const items = rest.filter((line) => line.startsWith('- ')).map((line) => fmt.text(line.slice(2)));
  const firstItem = rest.findIndex((line) => line.startsWith('- '));
  const title = firstItem > 0 && rest[firstItem - 1].endsWith(':') ? rest[firstItem - 1] : undefined;
  return {
    lead: fmt.text(lead),
    notes: rest.filter((line) => line && !line.startsWith('- ') && line !== title).map((line) => fmt.text(line)),
    listTitle: title === undefined ? null : fmt.text(title),
    items,
    hasItems: items.length > 0,
  };
}

/** The exercise's file in the submission, and the exports its failing checks called. */
function codeOf(
  exercise: ExerciseResult,
  failing: readonly CheckResult[],
  submission: InstructorSubmission,
): { listing: SourceListing | undefined; atFault: ReadonlySet<string> } {
  return {
    listing: submission.listings.find((l) => l.exercise === exercise.exercise),
    atFault: new Set(failing.flatMap((c) => submission.exportsAtFault(c))),
  };
}

function sourceView(
  exercise: ExerciseResult,
  listing: SourceListing | undefined,
  atFault: ReadonlySet<string>,
  fmt: TextFormat,
): SourceView {
  const anchors = new Map<number, string[]>();
  for (const d of listing?.declarations ?? [])
    anchors.set(d.start, [...(anchors.get(d.start) ?? []), codeAnchor(exercise.exercise, d.name)]);
  const faulty = (listing?.declarations ?? []).filter((d) => atFault.has(d.name));
  const lines = (listing?.lines ?? []).map((tokens, i) => ({
    number: i + 1,
    anchors: anchors.get(i + 1) ?? [],
    fault: faulty.some((d) => d.start <= i + 1 && i + 1 <= d.end),
    tokens: tokens.map((t) => {
      const text = shownCode(t.text);
      return { text, style: t.style, escaped: text !== t.text };
    }),
  }));
  return {
    anchor: `code-${anchorOf(exercise.exercise)}`,
    file: fmt.code(exercise.file),
    note: listing?.unavailable
      ? fmt.text(listing.unavailable)
      : lines.length
        ? null
        : fmt.text(`${exercise.file} is not in the submission.`),
    hasLines: lines.length > 0,
    lines,
    hasFault: lines.some((l) => l.fault),
  };
}

/** The functions a failing check called, where the code beside the feedback declares them. */
function codeLinksOf(check: CheckResult, submission: InstructorSubmission): CodeLinkView[] {
  return submission.exportsAtFault(check).flatMap((name) => {
    for (const listing of submission.listings) {
      const declaration = listing.lines.length ? listing.declarations.find((d) => d.name === name) : undefined;
      if (declaration)
        return [
          {
            href: `#${codeAnchor(listing.exercise, name)}`,
            name,
            lines:
              declaration.start === declaration.end
                ? `line ${declaration.start}`
                : `lines ${declaration.start}–${declaration.end}`,
          },
        ];
    }
    return [];
  });
}

function codeAnchor(exercise: string, name: string): string {
  return `code-${anchorOf(exercise)}-${anchorOf(name)}`;
}

/** A student's code as shown: control and invisible characters become visible escapes, tabs stay tabs. */
function shownCode(text: string): string {
  return text
    .split('\t')
    .map((part) => printable(part))
    .join('\t');
}

function failureView(
  check: CheckResult,
  exercise: ExerciseResult,
  fmt: TextFormat,
  plots: ReadonlyMap<string, PlotView>,
  submission: InstructorSubmission | undefined,
): FailureView {
  const input = check.counterexample ? layoutInput(check.counterexample.input) : { tables: [], values: [] };
  const comparison = compareRows(check.expected, check.actual).map((row) => ({
    field: fmt.text(row.field),
    expected: fmt.text(row.expected),
    actual: fmt.text(row.actual),
    difference: fmt.text(row.difference),
  }));
  const shrinks = check.counterexample?.shrinks;
  const codeLinks = submission ? codeLinksOf(check, submission) : [];
  return {
    anchor: `check-${anchorOf(check.id)}`,
    title: fmt.text(check.title),
    visibilityNote: check.visibility === 'hidden' ? 'hidden check' : null,
    checkId: fmt.code(check.id),
    result: RESULT[check.status].label,
    points: `${formatPoints(check.points)} / ${formatPoints(check.maxPoints)}`,
    message: fmt.text(check.message),
    likelyCause: exercise.diagnosis ? fmt.text(exercise.diagnosis.name) : null,
    hasInput: input.tables.length + input.values.length > 0,
    inputTables: input.tables.map((t) => ({
      name: fmt.text(t.name === 'points' ? plural(t.total, 'point') : `${t.name} (${plural(t.total, 'point')})`),
      rows: t.rows.map((r) => ({ x: fmt.text(r.x), y: fmt.text(r.y) })),
      more: t.hiddenRows ? fmt.text(`… and ${plural(t.hiddenRows, 'more point')}`) : null,
    })),
    inputValues: input.values.map((v) => ({ name: fmt.text(v.name), value: fmt.text(v.value) })),
    shrinks: shrinks
      ? fmt.text(`fast-check shrank the first failing input ${plural(shrinks, 'time')} to reach this one.`)
      : null,
    comparison,
    hasComparison: comparison.length > 0,
    tolerance: check.tolerance === undefined ? null : fmt.text(formatSmall(check.tolerance)),
    observedError: check.observedError === undefined ? null : fmt.text(formatSmall(check.observedError)),
    seed: fmt.code(String(check.seed)),
    path: check.path === undefined ? null : fmt.code(check.path),
    replay:
      check.replay === undefined ? null : submission ? replayCommandFor(check.replay, submission.path) : check.replay,
    plot: plots.get(`counterexample-${check.id.replace(/[^a-z0-9]+/gi, '-')}`) ?? null,
    codeLinks,
    hasCodeLinks: codeLinks.length > 0,
  };
}

/** A passed exercise whose file does not load in the student's own submission: what happened there, said as information. */
function passNoteOf(exercise: ExerciseResult, fmt: TextFormat): string | null {
  if (exercise.module.state === 'loaded') return null;
  const message = exercise.module.message ?? `${exercise.file} could not be loaded (${exercise.module.state})`;
  const why = /[.!?]$/.test(message) ? message : `${message}.`;
  const dependency = exercise.rootCause?.brokenDependency;
  return fmt.text(
    dependency
      ? `In your own submission this file does not load yet, because of ${dependency}: ${why} With the reference ${dependency} in its place it loads and passes every check, so fixing ${dependency} is all it needs.`
      : `This file passed every check, but loading it also reported: ${why}`,
  );
}

function noticeOf(exercise: ExerciseResult): { raw: string; text: string } | undefined {
  if (exercise.module.state !== 'loaded') {
    const raw = exercise.module.message ?? `${exercise.file} could not be loaded (${exercise.module.state}).`;
    return { raw, text: raw };
  }
  const failing = exercise.checks.filter((c) => c.status !== 'pass');
  if (failing.length === exercise.checks.length && failing.every((c) => c.status === 'not-implemented')) {
    return {
      raw: failing[0].message,
      text: `${exercise.file} is not implemented yet: its function still throws the stub's error. The exercise's README walks you through it.`,
    };
  }
  return undefined;
}

function startHereText(exercise: ExerciseResult): string {
  const notice = noticeOf(exercise);
  if (notice) return notice.text;
  if (exercise.diagnosis) return `${exercise.diagnosis.name}. ${exercise.diagnosis.hint}`;
  if (exercise.rootCause) return exercise.rootCause.message;
  const first = exercise.checks.find((c) => c.visibility === 'public' && c.status !== 'pass');
  if (first) return `“${first.title}” fails: ${first.message}`;
  return 'Only hidden checks fail here. Test your function on inputs of your own: several sizes, negative values, points off the line.';
}

function scoreView(points: number, max: number): ScoreView {
  return {
    points: formatPoints(points),
    max: formatPoints(max),
    label: `${formatPoints(points)} / ${formatPoints(max)}`,
    percent: percent(points, max),
  };
}

/** A rendered plot's words and table, made safe for the page's format. */
export function plotView(plot: RenderedPlot, fmt: TextFormat): PlotView {
  return {
    id: plot.id,
    title: fmt.text(plot.title),
    caption: fmt.text(plot.caption),
    alt: fmt.text(plot.alt),
    svg: plot.svg,
    table: {
      columns: plot.table.columns.map((c) => fmt.text(c)),
      rows: plot.table.rows.map(([head, ...cells]) => ({ head: fmt.text(head), cells: cells.map((c) => fmt.text(c)) })),
      note: plot.table.note === undefined ? null : fmt.text(plot.table.note),
    },
  };
}

/** The first public value a check-level formatter would show; kept here so the console summary says the same. */
export function describeCounterexample(check: CheckResult): string | undefined {
  if (!check.counterexample || check.visibility !== 'public') return undefined;
  const { tables, values } = layoutInput(check.counterexample.input);
  return [
    ...tables.map(
      (t) =>
        `${t.name}: ${t.rows.map((r) => `(${r.x}, ${r.y})`).join(', ')}${t.hiddenRows ? ` and ${t.hiddenRows} more` : ''}`,
    ),
    ...values.map((v) => `${v.name}: ${v.value}`),
  ].join('; ');
}
