import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';

/** The shipped templates: the student's HTML page and its stylesheet (the grader's other templates are in grader/report/templates). */
export const SHIPPED_TEMPLATE_DIR = join(__dirname, 'templates');

/**
 * Templates hold no logic: the compiler is told that `each` and `if` are the only helpers there are,
 * and strict mode turns a field the view model lacks into an error instead of an empty string.
 */
export const TEMPLATE_COMPILE_OPTIONS = {
  strict: true,
  knownHelpersOnly: true,
  knownHelpers: {
    each: true,
    if: true,
    unless: false,
    with: false,
    lookup: false,
    log: false,
    helperMissing: false,
    blockHelperMissing: false,
  },
} as const;

const handlebars = Handlebars.create();
const compiled = new Map<string, HandlebarsTemplateDelegate>();

/** Renders `<dir>/<name>.hbs`. Markdown templates do not HTML-escape: their view models are escaped for Markdown already. */
export function renderTemplateIn(dir: string, name: string, view: object): string {
  const path = join(dir, `${name}.hbs`);
  let template = compiled.get(path);
  if (!template) {
    const source = readFileSync(path, 'utf8');
    template = handlebars.compile(source, { ...TEMPLATE_COMPILE_OPTIONS, noEscape: name.endsWith('.md') });
    compiled.set(path, template);
  }
  return template(view);
}

/** The student's HTML page (report.html, and the handout's feedback page). */
export function renderTemplate(name: 'student.html', view: object): string {
  return renderTemplateIn(SHIPPED_TEMPLATE_DIR, name, view);
}

let css: string | undefined;

/** The stylesheet every HTML page inlines, so that a page is one file that works offline. */
export function reportCss(): string {
  css ??= readFileSync(join(SHIPPED_TEMPLATE_DIR, 'report.css'), 'utf8');
  return css;
}
