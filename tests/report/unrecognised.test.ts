import { beforeAll, describe, expect, it } from 'vitest';
import { renderInstructorReport, renderStudentReport } from '../../grader/report';
import type { SubmissionResult } from '../../grader/shipped/results/model';
import { gradeVariant } from './real-results';

/** The callout of one exercise's "no known misconception matched", as HTML. */
function callout(html: string, exercise: string): string {
  const section = new RegExp(`<section class="exercise[^"]*" id="exercise-${exercise}"[\\s\\S]*?</section>`).exec(
    html,
  )![0];
  return /<div class="callout unrecognised"[\s\S]*?<\/div>/.exec(section)![0];
}

describe('the "no known misconception matched" box', () => {
  let result: SubmissionResult;

  beforeAll(async () => {
    // A cost off by a constant: none of the slips the kit generates for 01-cost gives it.
    result = await gradeVariant('odd', {
      file: '01-cost/cost.ts',
      from: 'return sumOfSquares(points, line.m, line.b, 0, points.length) / points.length;',
      to: 'return sumOfSquares(points, line.m, line.b, 0, points.length) / points.length + 0.25;',
    });
  });

  it('is a short sentence, what was ruled out under it, and the failing checks as a list', async () => {
    const cost = result.exercises.find((e) => e.exercise === '01-cost')!;
    expect(cost.diagnosis).toBeUndefined();
    expect(cost.unrecognised).toBeDefined();
    for (const html of [(await renderStudentReport(result)).html, (await renderInstructorReport(result)).html]) {
      const box = callout(html, '01-cost');
      const paragraphs = [...box.matchAll(/<p[^>]*>([\s\S]*?)<\/p>/g)].map((m) => m[1]);
      expect(paragraphs[0]).toBe('No known misconception matched');
      expect(paragraphs[1]).toMatch(
        /^Your 01-cost answers on the \d+ designed probes match none of the \d+ candidate mistakes the kit generates for it, so it does not name one\.$/,
      );
      expect(paragraphs.some((p) => p.startsWith('Ruled out: a slip in'))).toBe(true);
      const items = [...box.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1]);
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) expect(item).toMatch(/^01-cost\/[a-z-]+ \(/);
      // No list squeezed into a paragraph: no line break and no dash that starts an item.
      for (const paragraph of paragraphs) expect(paragraph).not.toMatch(/\n|(^|\s)- /);
    }
  });

  it('is a Markdown note with the same sentence and a list', async () => {
    const { markdown } = await renderStudentReport(result);
    const note = /> \*\*No known misconception matched\.\*\*[^\n]*(\n>[^\n]*)*/.exec(markdown)![0];
    expect(note).toMatch(/^> \*\*No known misconception matched\.\*\* Your 01-cost answers on the \d+ designed probes/);
    expect(note).toMatch(/\n> - 01-cost\/[a-z-]+ \(/);
    expect(note).not.toContain('<br>');
  });
});
