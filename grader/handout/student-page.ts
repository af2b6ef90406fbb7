import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { SHIPPED_TEMPLATE_DIR, TEMPLATE_COMPILE_OPTIONS } from '../shipped/report/templates';
import { PRECOMPILED_PAGE } from '../shipped/student/feedback-page';

/** The kit's precompiled student page: the shipped template and stylesheet, with the options every report template compiles with, for handlebars' runtime alone. */
export function precompiledStudentPage(): [string, string] {
  const template = Handlebars.precompile(
    readFileSync(join(SHIPPED_TEMPLATE_DIR, 'student.html.hbs'), 'utf8'),
    TEMPLATE_COMPILE_OPTIONS,
  );
  const css = readFileSync(join(SHIPPED_TEMPLATE_DIR, 'report.css'), 'utf8');
  return [
    `grader/shipped/student/${PRECOMPILED_PAGE}`,
    `"use strict";\n// grader/shipped/report/templates/student.html.hbs and report.css, precompiled by grader/handout/student-page.ts.\nmodule.exports = { template: ${template}, css: ${JSON.stringify(css)} };\n`,
  ];
}
