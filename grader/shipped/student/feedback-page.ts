import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../output/atomic-write';
import { pendingView } from '../report/pending-view';
import type { PendingHidden } from '../report/status';
import { studentView, type StudentView } from '../report/student-view';
import { HTML_TEXT } from '../report/text';
import { forStudent } from '../results/for-student';
import type { SubmissionResult } from '../results/model';

/** The student page's template and stylesheet, precompiled when the handout is built (grader/handout/student-page.ts). */
export const PRECOMPILED_PAGE = 'student-page.template.js';

interface PrecompiledPage {
  readonly template: object;
  readonly css: string;
}

type Render = (view: object) => string;
let render: Render | undefined;

/** In the handout only handlebars' runtime loads (the compiler costs more than the checks); elsewhere grader/report compiles the template. */
function renderer(): Render {
  if (render) return render;
  const precompiled = join(__dirname, PRECOMPILED_PAGE);
  if (existsSync(precompiled)) {
    const page = require(precompiled) as PrecompiledPage;
    const runtime = require('handlebars/runtime') as { template(spec: object): (context: object) => string };
    const template = runtime.template(page.template);
    render = (view) => template({ ...view, css: page.css });
  } else {
    const { renderTemplate, reportCss } = require('../report/templates') as typeof import('../report/templates');
    render = (view) => renderTemplate('student.html', { ...view, css: reportCss() });
  }
  return render;
}

/** Loads the page's template and the code that renders it, ahead of the first page. */
export function loadFeedbackPage(): void {
  renderer();
}

/**
 * The student report page's view model of grader/report, from the public checks: the same view
 * model as the grader's student page, without the plots (those need vega, which the handout does not
 * install, and the reference runs they compare with). With `pending` (the hidden checks the run did
 * not run, which the handout always has) it is `pendingView`'s: the status in place of a grade.
 */
export function feedbackPageView(result: SubmissionResult, pending?: PendingHidden): StudentView {
  const shown = forStudent(result);
  const view = studentView(shown, HTML_TEXT, []);
  return pending ? pendingView(view, shown, pending, HTML_TEXT) : view;
}

/** Writes the feedback page (`feedbackPageView`) with the shipped template and stylesheet. */
export async function writeFeedbackPage(
  result: SubmissionResult,
  path: string,
  pending?: PendingHidden,
): Promise<void> {
  await writeFileAtomic(path, renderer()(feedbackPageView(result, pending)));
}
