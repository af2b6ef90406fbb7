import { format } from '../checks/verdicts';
import { printable } from '../output/printable';

/**
 * How a view model's strings are prepared for one output. The HTML templates escape on their own
 * (handlebars' `{{ }}`), so strings stay as they are; Markdown has no escaping of its own, so the
 * view model does it, once, here.
 */
export interface TextFormat {
  /** Prose, in a paragraph, a list item or a table cell. */
  text(value: string): string;
  /** Inline code, also safe inside a table cell. */
  code(value: string): string;
}

/**
 * Both formats first make the string printable (grader/shipped/output/printable.ts): text from a
 * submission, such as a thrown message or a folder name, reaches a page or a Markdown file only with
 * its control and invisible characters escaped visibly. Line feeds stay, as each format shows them.
 */
const shown = (value: string) => printable(value, { keepNewlines: true });

export const HTML_TEXT: TextFormat = { text: shown, code: shown };

export const MARKDOWN_TEXT: TextFormat = {
  text: (value) => markdownText(shown(value)),
  code: (value) => markdownCode(shown(value)),
};

/**
 * Backslash-escapes what GitHub would read as markup, and only that, so that the raw file stays
 * readable too: pipes (which end a table cell), backslashes, backticks, asterisks, tildes, `<`,
 * underscores at the edge of a word (GitHub ignores them inside one), `](` (a link), `&` before an
 * entity name, and list, heading and quote markers at the start of a line. Newlines become `<br>`.
 */
export function markdownText(value: string): string {
  return value
    .replace(/[\\`*|~<]/g, (c) => `\\${c}`)
    .replace(/(^|[^\p{L}\p{N}])_|_(?=$|[^\p{L}\p{N}])/gu, (m) => m.replace('_', '\\_'))
    .replace(/\]\(/g, '\\](')
    .replace(/&(?=#?\w+;)/g, '\\&')
    .replace(/^([#>+-])(?=\s)/gm, '\\$1')
    .replace(/^(\d+)([.)])(?=\s)/gm, '$1\\$2')
    .replace(/\r?\n/g, '<br>');
}

/** A code span that survives a table cell: GitHub reads `\|` as a pipe even inside backticks. */
export function markdownCode(value: string): string {
  const body = value.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  const longestRun = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** A value as a person reads it (the checks' own `format`: 12 significant digits, NaN and ∞ spelled out). */
export function formatValue(value: unknown): string {
  return format(value);
}

/** A tolerance or an error: three significant digits. */
export function formatSmall(value: number): string {
  return Number.isFinite(value) ? value.toPrecision(3) : String(value);
}

export function formatPoints(points: number): string {
  return Number.isInteger(points) ? String(points) : points.toFixed(2).replace(/\.?0+$/, '');
}

export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((100 * part) / whole) : 0;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** A fragment identifier that is safe in an HTML id and a URL. */
export function anchorOf(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
