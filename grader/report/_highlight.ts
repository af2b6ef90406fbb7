/**
 * The one place that touches shiki (with its worker, `_highlight-worker.mjs`), which colours a
 * student's TypeScript for the instructor's report. shiki is an ES module: the worker imports it,
 * and the fallback here reaches it, like vega (`_vega.ts`), through a real dynamic `import()`. One
 * highlighter serves the whole process, and a file is coloured once however many students hand in
 * the same bytes (the untouched stub, a shared solution).
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { memoRecentAsync } from '../shipped/memo';

/** A run of characters in one colour; `style` is CSS from the theme, the text is the file's own, not yet escaped. */
export interface HighlightedToken {
  readonly text: string;
  readonly style: string;
}

/** One line of the file (lines end at `\n` or `\r\n`, as shiki splits them), as coloured tokens. */
export type HighlightedLine = readonly HighlightedToken[];

/**
 * The theme: GitHub's light high-contrast colours, each of which keeps a contrast of at least
 * 4.5:1 (WCAG AA) on the listing's white and on its tint for the lines at fault. The two it paints
 * on a background of its own (scopes the TypeScript grammar does not give) would be white on
 * white without it, so they are drawn in the theme's text colour.
 */
const THEME = 'github-light-high-contrast';
const COLOR_REPLACEMENTS = { '#ffffff': '#0e1116', '#e7ecf0': '#0e1116' };
/** The theme's text colour, which the listing itself has (report.css, `pre.code`). */
const FOREGROUND = '#0E1116';

/**
 * What is worth colouring: a file larger than `MAX_COLOURED_FILE` or a line longer than
 * `MAX_COLOURED_LINE` is shown uncoloured (minified or generated text), and a line whose colouring
 * takes longer than `TOKENIZE_MS` is left uncoloured from there on, so that a hostile file cannot
 * stall a batch. The limit is far above what a line of a student's file takes (well under a
 * millisecond, a few the first time a grammar rule compiles) even on a machine under heavy load,
 * so that the same file is coloured the same way every time.
 */
const MAX_COLOURED_FILE = 64 * 1024;
const MAX_COLOURED_LINE = 1_000;
const TOKENIZE_MS = 2_000;

/** What shiki is asked for a file (the worker and the fallback below ask the same). */
const TOKENS_OPTIONS = {
  lang: 'typescript',
  theme: THEME,
  colorReplacements: COLOR_REPLACEMENTS,
  tokenizeMaxLineLength: MAX_COLOURED_LINE,
  tokenizeTimeLimit: TOKENIZE_MS,
} as const;

/** A token as shiki gives it. */
interface ShikiToken {
  readonly content: string;
  readonly color?: string;
  readonly fontStyle?: number;
}

/**
 * `source` as TypeScript, coloured line by line; the same bytes come back from a cache of recent
 * files. shiki runs in a worker thread (`_highlight-worker.mjs`), so that a batch's grading goes on
 * while a file is coloured; if the thread cannot be used, in this one; and if shiki fails, the file
 * is shown plain. It never rejects: a report is written whatever happens to its colours.
 */
export const highlightTypeScript = memoRecentAsync(
  512,
  (source: string) => createHash('sha256').update(source).digest('hex'),
  async (source: string): Promise<readonly HighlightedLine[]> => {
    if (source.length > MAX_COLOURED_FILE) return plainLines(source);
    try {
      return (await tokensInWorker(source)).map(mergedRuns);
    } catch {
      try {
        return (await tokensHere(source)).map(mergedRuns);
      } catch {
        return plainLines(source);
      }
    }
  },
);

/** Lines as shiki splits them (at `\n` and `\r\n`), each one uncoloured token. */
export function plainLines(source: string): HighlightedLine[] {
  return source.split(/\r?\n/).map((text) => (text ? [{ text, style: '' }] : []));
}

/** The colouring thread, started on first use; it keeps the process alive only while it has work. */
let worker: Worker | undefined;
let workerFailed = false;
let nextRequest = 0;
const waiting = new Map<number, { resolve(lines: ShikiToken[][]): void; reject(error: Error): void }>();

function tokensInWorker(source: string): Promise<ShikiToken[][]> {
  if (workerFailed) return Promise.reject(new Error('the colouring thread is not available'));
  if (!worker) {
    worker = new Worker(join(__dirname, '_highlight-worker.mjs'));
    worker.on('message', ({ id, lines, error }: { id: number; lines?: ShikiToken[][]; error?: string }) => {
      const request = waiting.get(id);
      waiting.delete(id);
      if (!waiting.size) worker?.unref();
      if (lines) request?.resolve(lines);
      else request?.reject(new Error(error));
    });
    const fail = (error: Error) => {
      workerFailed = true;
      worker = undefined;
      for (const request of waiting.values()) request.reject(error);
      waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the colouring thread stopped (exit code ${code})`)));
  }
  const id = nextRequest++;
  const answer = new Promise<ShikiToken[][]>((resolve, reject) => waiting.set(id, { resolve, reject }));
  worker.ref();
  worker.postMessage({ id, source, options: TOKENS_OPTIONS });
  return answer;
}

function importShiki() {
  return Promise.all([
    import('shiki/core'),
    import('shiki/engine/oniguruma'),
    import('shiki/langs/typescript.mjs'),
    import('shiki/themes/github-light-high-contrast.mjs'),
  ]);
}

type Highlighter = Awaited<ReturnType<Awaited<ReturnType<typeof importShiki>>[0]['createHighlighterCore']>>;

let highlighter: Promise<Highlighter> | undefined;

/** shiki in this thread, for when the worker cannot be used. */
async function tokensHere(source: string): Promise<ShikiToken[][]> {
  highlighter ??= importShiki().then(([core, oniguruma, typescript, theme]) =>
    core.createHighlighterCore({
      themes: [theme.default],
      langs: [typescript.default],
      engine: oniguruma.createOnigurumaEngine(import('shiki/wasm')),
    }),
  );
  return (await highlighter).codeToTokens(source, TOKENS_OPTIONS).tokens;
}

/**
 * A line's tokens as runs of one style: neighbours that look the same (most often a word and the
 * space after it) become one, and text in the listing's own colour carries no style, so a page
 * holds about half as many elements.
 */
function mergedRuns(line: readonly ShikiToken[]): HighlightedLine {
  const runs: HighlightedToken[] = [];
  for (const token of line) {
    const style = token.color?.toUpperCase() === FOREGROUND && !token.fontStyle ? '' : styleOf(token);
    const last = runs.at(-1);
    if (last && (last.style === style || token.content.trim() === ''))
      runs[runs.length - 1] = { text: last.text + token.content, style: last.style };
    else runs.push({ text: token.content, style });
  }
  return runs;
}

/** shiki's font style is a bit set: 1 italic, 2 bold, 4 underline, 8 strikethrough. */
function styleOf(token: { color?: string; fontStyle?: number }): string {
  const style = token.fontStyle ?? 0;
  return [
    token.color ? `color:${token.color}` : '',
    style & 1 ? 'font-style:italic' : '',
    style & 2 ? 'font-weight:bold' : '',
    style & 4 ? 'text-decoration:underline' : '',
    style & 8 ? 'text-decoration:line-through' : '',
  ]
    .filter(Boolean)
    .join(';');
}
