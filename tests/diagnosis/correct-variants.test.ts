import { describe, expect, it } from 'vitest';
import { CORRECT_STYLES, gradeCorrect } from './_support';

describe('correct variants in many styles', () => {
  it('there are at least 10 of them', () => {
    expect(CORRECT_STYLES.length).toBeGreaterThanOrEqual(10);
  });

  it.each(CORRECT_STYLES)('%s gets full marks and is never diagnosed', async (style) => {
    const result = await gradeCorrect(style);
    const failing = result.exercises.flatMap((e) =>
      e.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.message}`),
    );
    expect(failing).toEqual([]);
    expect(result.score).toBe(100);
    expect(result.maxScore).toBe(100);
    for (const e of result.exercises) {
      expect(e.diagnosis, e.exercise).toBeUndefined();
      expect(e.unrecognised, e.exercise).toBeUndefined();
      expect(e.rootCause, e.exercise).toBeUndefined();
    }
  });
});
