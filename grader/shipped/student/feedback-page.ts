import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../output/atomic-write';
import { studentView } from '../report/student-view';
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
 * The student report page of grader/report, from the public checks: the same view model, template
 * and stylesheet, without the plots (those need vega, which the handout does not install, and the
 * reference runs they compare with).
 */
export async function writeFeedbackPage(result: SubmissionResult, path: string): Promise<void> {
  await writeFileAtomic(path, renderer()(studentView(forStudent(result), HTML_TEXT, [])));
}
