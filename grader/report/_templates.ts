import { join } from 'node:path';
import { renderTemplate as renderShippedTemplate, renderTemplateIn } from '../shipped/report/templates';

export type TemplateName = 'student.html' | 'student.md' | 'summary.html' | 'summary.md';

const REPORT_TEMPLATE_DIR = join(__dirname, 'templates');

/** Every report template: the student's HTML page is the shipped one; the Markdown report and the class summary are the grader's own. */
export function renderTemplate(name: TemplateName, view: object): string {
  return name === 'student.html'
    ? renderShippedTemplate(name, view)
    : renderTemplateIn(REPORT_TEMPLATE_DIR, name, view);
}
