/**
 * A student file that tries to break out of the instructor's code listing: markup, handlebars, and
 * characters that reorder or hide text. Its cost is twice the mean squared error, so it loses
 * points and is shown coloured, with its declarations found.
 */
export const HOSTILE_COST = [
  `import type { Line, Point } from '../types';`,
  `// </code></pre><script>document.title = 'pwned'</script><pre><code>`,
  `/* {{constructor.constructor}} {{{css}}} {{> partial}} {{#each this}}x{{/each}} */`,
  `const banner = "</aside><img src=x onerror=\\"document.title='pwned'\\">";`,
  `const bidi = 'user\u202e \u2066// admin\u2069 \u2066'; // \u200b\u200d\ufeff`,
  'const breaks = `lone\rreturn and\u2028line separator`;',
  `\texport function computeCost(points: readonly Point[], line: Line): number {`,
  `\tlet sum = 0;`,
  `\tfor (const { x, y } of points) sum += (y - (line.m * x + line.b)) ** 2;`,
  `\treturn (2 * sum) / points.length + banner.length * 0 + bidi.length * 0 + breaks.length * 0;`,
  `}`,
  ``,
].join('\n');
