import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';

export type TemplateName = 'student.html' | 'student.md' | 'summary.html' | 'summary.md';

const TEMPLATE_DIR = join(__dirname, 'templates');

/**
 * Templates hold no logic: the compiler is told that `each` and `if` are the only helpers there are,
 * and strict mode turns a field the view model lacks into an error instead of an empty string.
 */
const COMPILE_OPTIONS = {
  strict: true,
  knownHelpersOnly: true,
  knownHelpers: { each: true, if: true, unless: false, with: false, lookup: false, log: false, helperMissing: false, blockHelperMissing: false },
} as const;

const handlebars = Handlebars.create();
const compiled = new Map<TemplateName, HandlebarsTemplateDelegate>();

/** Markdown templates do not HTML-escape: their view models are escaped for Markdown already. */
export function renderTemplate(name: TemplateName, view: object): string {
  let template = compiled.get(name);
  if (!template) {
    const source = readFileSync(join(TEMPLATE_DIR, `${name}.hbs`), 'utf8');
    template = handlebars.compile(source, { ...COMPILE_OPTIONS, noEscape: name.endsWith('.md') });
    compiled.set(name, template);
  }
  return template(view);
}

let css: string | undefined;

/** The stylesheet every HTML page inlines, so that a page is one file that works offline. */
export function reportCss(): string {
  css ??= readFileSync(join(TEMPLATE_DIR, 'report.css'), 'utf8');
  return css;
}
