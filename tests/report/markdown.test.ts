import { describe, expect, it } from 'vitest';
import { renderClassSummary, renderStudentReport } from '../../grader/report';
import { markdownCode, markdownText } from '../../grader/shipped/report/text';
import { buggyResult, HIDDEN_SENTINEL, passingResult } from './fixtures';

/** The cells of every table row, split on the pipes that Markdown treats as cell borders. */
function tableRows(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) => line.replace(/\\\|/g, '\u0000').split('|').slice(1, -1));
}

describe('the Markdown report', () => {
  it('matches its snapshot for a fixed seed', async () => {
    const { markdown } = await renderStudentReport(buggyResult());
    await expect(markdown).toMatchFileSnapshot('./__snapshots__/student-report.md');
  });

  it('matches its snapshot for the class summary', async () => {
    const { markdown } = await renderClassSummary([buggyResult(), passingResult()], {
      failures: [{ studentId: 'zed', message: 'grader: zed holds no exercise files' }],
    });
    await expect(markdown).toMatchFileSnapshot('./__snapshots__/summary.md');
  });

  it('keeps every table row as wide as its header: pipes in text are escaped', async () => {
    const { markdown } = await renderStudentReport(buggyResult('pipe | in | id'));
    const blocks = markdown.split(/\n\n+/).filter((block) => block.startsWith('|'));
    expect(blocks.length).toBeGreaterThan(5);
    for (const block of blocks) {
      const rows = tableRows(block);
      expect(new Set(rows.map((r) => r.length)).size, block).toBe(1);
    }
    expect(markdown).toContain('updates m and b simultaneously \\| from the gradient at the old line');
  });

  it('shows the diagnosis, the counterexample as an x | y table, expected against actual, tolerance, seed and replay', async () => {
    const { markdown } = await renderStudentReport(buggyResult());
    expect(markdown).toContain('**Likely misconception: You forgot the factor 2**');
    expect(markdown).toContain('| x | y |');
    expect(markdown).toContain('| 2 | 5 |');
    expect(markdown).toContain('- learning rate η: 0.125');
    expect(markdown).toContain('| b | 0.5 | 0.375 | -0.125 |');
    expect(markdown).toContain('Tolerance used: **5.04e-13**. Observed error: **0.125**.');
    // The student's report prints the handout's command, which runs in their checkout as printed.
    expect(markdown).toContain('npm run check -- --check 03-step/simultaneous-update --seed 20261124 --path "0:0:1:0"');
    expect(markdown).not.toContain('<submission> --check');
    expect(markdown).toContain('No known misconception matched');
    expect(markdown).toContain('04-descent uses your step (03-step), which is broken.');
    expect(markdown).toContain('A correct descent that crawls');
    expect(markdown).toContain('| vm realm | on |');
    expect(markdown).toContain('| child process | off |');
  });

  it('names hidden checks and never shows their inputs, expected values or messages', async () => {
    const { markdown } = await renderStudentReport(buggyResult());
    expect(markdown).toContain('| 02-gradient | matches the reference on random small data | ✗ failed | 0 / 5 |');
    expect(markdown).not.toContain(String(HIDDEN_SENTINEL));
    expect(markdown).not.toContain('987654');
  });
});

describe('Markdown escaping', () => {
  it('escapes what GitHub would read as markup and leaves plain text plain', () => {
    expect(markdownText('a | b')).toBe('a \\| b');
    expect(markdownText('-4')).toBe('-4');
    expect(markdownText('- item')).toBe('\\- item');
    expect(markdownText('1. first')).toBe('1\\. first');
    expect(markdownText('4.00e-12')).toBe('4.00e-12');
    expect(markdownText('gradient_descent_LR')).toBe('gradient_descent_LR');
    expect(markdownText('_emphasis_')).toBe('\\_emphasis\\_');
    expect(markdownText('x * y and <b>')).toBe('x \\* y and \\<b>');
    expect(markdownText('[a](http://x)')).toBe('[a\\](http://x)');
    expect(markdownText('two\nlines')).toBe('two<br>lines');
  });

  it('makes code spans that survive backticks and table cells', () => {
    expect(markdownCode('a|b')).toBe('`a\\|b`');
    expect(markdownCode('x `y` z')).toBe('``x `y` z``');
  });
});
