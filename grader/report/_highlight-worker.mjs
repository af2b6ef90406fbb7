// The thread that colours students' files for grader/report/_highlight.ts, so that shiki's work
// (milliseconds a kilobyte) runs beside the grader's own instead of in it. It loads shiki once and
// answers each { id, source, options } with { id, lines } (a line's tokens as content, colour and
// font style) or { id, error }. Plain JavaScript: a worker runs outside ts-node and vitest.
import { parentPort } from 'node:worker_threads';
import { createHighlighterCore } from 'shiki/core';
import { createOnigurumaEngine } from 'shiki/engine/oniguruma';
import typescript from 'shiki/langs/typescript.mjs';
import theme from 'shiki/themes/github-light-high-contrast.mjs';

const highlighter = createHighlighterCore({
  themes: [theme],
  langs: [typescript],
  engine: createOnigurumaEngine(import('shiki/wasm')),
});

parentPort.on('message', async ({ id, source, options }) => {
  try {
    const { tokens } = (await highlighter).codeToTokens(source, options);
    const lines = tokens.map((line) =>
      line.map((token) => ({ content: token.content, color: token.color, fontStyle: token.fontStyle })),
    );
    parentPort.postMessage({ id, lines });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
