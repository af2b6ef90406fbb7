import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { KIT_ROOT } from '../data/paths';
import { PRECOMPILED_PAGE } from '../student/feedback-page';

const TEMPLATES = join(KIT_ROOT, 'grader', 'report', 'templates');

/**
 * The compile options of grader/report/_templates.ts (each and if are the only helpers; a field the
 * view model lacks is an error). tests/handout checks that the precompiled page renders exactly what
 * grader/report renders.
 */
const COMPILE_OPTIONS = {
  strict: true,
  knownHelpersOnly: true,
  knownHelpers: { each: true, if: true, unless: false, with: false, lookup: false, log: false, helperMissing: false, blockHelperMissing: false },
} as const;

/** The kit's precompiled student page: grader/report's template and stylesheet, for handlebars' runtime alone. */
export function precompiledStudentPage(): [string, string] {
  const template = Handlebars.precompile(readFileSync(join(TEMPLATES, 'student.html.hbs'), 'utf8'), COMPILE_OPTIONS);
  const css = readFileSync(join(TEMPLATES, 'report.css'), 'utf8');
  return [`grader/student/${PRECOMPILED_PAGE}`, `"use strict";\n// grader/report/templates/student.html.hbs and report.css, precompiled by grader/handout/student-page.ts.\nmodule.exports = { template: ${template}, css: ${JSON.stringify(css)} };\n`];
}
