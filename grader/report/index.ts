/**
 * Reports: the student's report.html / report.md / junit.xml, the instructor's instructor.html /
 * instructor.md, the class summary, the gradebook and the console summary. Everything here only
 * reads grading results (grader/shipped/results/model.ts); view models are pure functions of them
 * (`grader/shipped/report/student-view.ts`, `_class-view.ts`) and the handlebars templates (in
 * `templates/`, and the student's page in `grader/shipped/report/templates/`) hold no logic beyond
 * each/if. Every student-facing output is written from
 * `forStudent(result)` (grader/shipped/results/for-student.ts), the one place that decides what of a
 * hidden check a student may see.
 */
import { withHandoutReplays } from '../shipped/student/handout-command';
import { join } from 'node:path';
import { forStudent, type StudentResult } from '../shipped/results/for-student';
import type { SubmissionResult, SummaryResult } from '../shipped/results/model';
import { writeFileAtomic } from '../shipped/output/atomic-write';
import { classView, type GradingFailure } from './_class-view';
import type { RegradePreview } from './_regrade';
import { gradebookCsv } from './_gradebook';
import { junitXml } from './_junit';
import { counterexamplePlot, scoreHistogram, studentPlots } from './_plots';
import { beyondPlots } from './_plots-beyond';
import { laterPlots } from './_plots-10-11';
import { renderPlots, type RenderedPlot } from './_render-plots';
import { instructorView, studentView, type InstructorSubmission } from '../shipped/report/student-view';
import type { Submission } from '../shipped/submission/read-submission';
import { instructorSubmission } from './_submission-code';
import { reportCss } from '../shipped/report/templates';
import { renderTemplate } from './_templates';
import { HTML_TEXT, MARKDOWN_TEXT } from '../shipped/report/text';

export { renderConsoleSummary, shouldUseColor } from '../shipped/report/console';
export { GRADEBOOK_ASSIGNMENT } from './_gradebook';
export type { GradingFailure } from './_class-view';
export {
  regradeCsv,
  type CheckChange,
  type ExerciseChange,
  type GradingStamp,
  type RegradePreview,
  type StudentRegrade,
} from './_regrade';

export interface ClassSummaryOptions {
  /** Folders that could not be graded at all: they are listed with their message, and get empty gradebook cells. */
  readonly failures?: readonly GradingFailure[];
  /** A regrade preview: the summary opens with who gains or loses what (grader/batch/regrade.ts). */
  readonly regrade?: RegradePreview;
  /** The assignment's title: the gradebook's total column (default `GRADEBOOK_ASSIGNMENT`). */
  readonly title?: string;
}

/** The files `writeStudentReport` writes that are for the instructor only: they show hidden inputs, expected values and the student's answers on them. */
export const INSTRUCTOR_REPORT_FILES = ['instructor.html', 'instructor.md'] as const;

/**
 * Writes the student's report.html, report.md and junit.xml, and the instructor's instructor.html
 * and instructor.md, into `studentDir` (created if needed), each atomically. Given the `submission`
 * that was graded, the instructor's report shows its code beside the feedback, links each failing
 * check to the functions it called, and names its folder in the replay commands.
 */
export async function writeStudentReport(
  result: SubmissionResult,
  studentDir: string,
  submission?: Submission,
): Promise<void> {
  const [plots, code] = await Promise.all([
    reportPlots(result),
    submission ? instructorSubmission(submission, result) : undefined,
  ]);
  const report = studentReport(forStudent(withHandoutReplays(result)), plots);
  const instructor = instructorReport(result, plots, code);
  await Promise.all([
    writeFileAtomic(join(studentDir, 'report.html'), report.html),
    writeFileAtomic(join(studentDir, 'report.md'), report.markdown),
    writeFileAtomic(join(studentDir, 'junit.xml'), report.junit),
    writeFileAtomic(join(studentDir, 'instructor.html'), instructor.html),
    writeFileAtomic(join(studentDir, 'instructor.md'), instructor.markdown),
  ]);
}

/** Writes summary.html, summary.md and gradebook.csv into `outDir` (created if needed), each atomically. */
export async function writeClassSummary(
  results: readonly SummaryResult[],
  outDir: string,
  options: ClassSummaryOptions = {},
): Promise<void> {
  const summary = await renderClassSummary(results, options);
  await Promise.all([
    writeFileAtomic(join(outDir, 'summary.html'), summary.html),
    writeFileAtomic(join(outDir, 'summary.md'), summary.markdown),
    writeFileAtomic(join(outDir, 'gradebook.csv'), summary.gradebook),
  ]);
}

/** A student's report as strings, from the student's view of the result, for callers that store them elsewhere. */
export async function renderStudentReport(
  result: SubmissionResult,
): Promise<{ html: string; markdown: string; junit: string }> {
  return studentReport(forStudent(withHandoutReplays(result)), await reportPlots(result));
}

/**
 * The instructor's report as strings: the same page from the full result, hidden checks in full,
 * under a warning; with the `submission`, its code beside the feedback (see `writeStudentReport`).
 */
export async function renderInstructorReport(
  result: SubmissionResult,
  submission?: Submission,
): Promise<{ html: string; markdown: string }> {
  const [plots, code] = await Promise.all([
    reportPlots(result),
    submission ? instructorSubmission(submission, result) : undefined,
  ]);
  return instructorReport(result, plots, code);
}

function studentReport(
  result: StudentResult,
  plots: readonly RenderedPlot[],
): { html: string; markdown: string; junit: string } {
  return {
    html: renderTemplate('student.html', { ...studentView(result, HTML_TEXT, plots), css: reportCss() }),
    markdown: renderTemplate('student.md', studentView(result, MARKDOWN_TEXT, plots)),
    junit: junitXml(result),
  };
}

function instructorReport(
  result: SubmissionResult,
  plots: readonly RenderedPlot[],
  submission: InstructorSubmission | undefined,
): { html: string; markdown: string } {
  return {
    html: renderTemplate('student.html', { ...instructorView(result, HTML_TEXT, plots, submission), css: reportCss() }),
    markdown: renderTemplate('student.md', instructorView(result, MARKDOWN_TEXT, plots, submission)),
  };
}

/** The report's plots, the same for both audiences: the runs on fixed public inputs, and the first failing line-valued public check's counterexample. */
function reportPlots(result: SubmissionResult): Promise<RenderedPlot[]> {
  const lineValued = result.exercises
    .flatMap((e) => e.checks)
    .map(counterexamplePlot)
    .find((plot) => plot !== undefined);
  return renderPlots([
    ...studentPlots(result),
    ...beyondPlots(result),
    ...laterPlots(result),
    ...(lineValued ? [lineValued] : []),
  ]);
}

/** The class summary as strings. */
export async function renderClassSummary(
  results: readonly SummaryResult[],
  options: ClassSummaryOptions = {},
): Promise<{ html: string; markdown: string; gradebook: string }> {
  const failures = options.failures ?? [];
  const [histogram] = results.length
    ? await renderPlots([
        scoreHistogram(
          results.map((r) => r.score),
          Math.max(...results.map((r) => r.maxScore)),
        ),
      ])
    : [];
  return {
    html: renderTemplate('summary.html', {
      ...classView(results, failures, HTML_TEXT, 'report.html', histogram, options.regrade),
      css: reportCss(),
    }),
    markdown: renderTemplate(
      'summary.md',
      classView(results, failures, MARKDOWN_TEXT, 'report.md', histogram, options.regrade),
    ),
    gradebook: gradebookCsv(results, failures, options.title),
  };
}
