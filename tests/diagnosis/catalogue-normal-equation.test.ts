import { describe, expect, it } from 'vitest';
import { catalogueOf } from '../../grader/diagnosis/catalogue';
import { entrySubmission } from '../../grader/diagnosis/variant-submission';
import { exerciseOf, grade } from './_support';

const EXERCISE = '09-normal-equation';

/**
 * 09-normal-equation's catalogue files, each graded over the reference (09 builds on nothing, so
 * no other exercise is involved): each loses points and is named as itself from the generated space.
 */
describe('09-normal-equation catalogue', () => {
  it('has the files the handout names locally', () => {
    expect(catalogueOf(EXERCISE).length).toBeGreaterThanOrEqual(7);
  });

  it.each(catalogueOf(EXERCISE).map((e) => [e.id, e] as const))(
    '%s is failed and named as itself',
    async (_, entry) => {
      const own = exerciseOf(await grade(entrySubmission(entry), { exercises: [EXERCISE] }), EXERCISE);
      expect(own.score).toBeLessThan(own.maxScore);
      expect(own.unrecognised).toBeUndefined();
      expect(own.diagnosis?.id).toBe(entry.id);
      expect(own.diagnosis?.name).toBe(entry.name);
      expect(own.diagnosis?.evidence).toMatch(/designed probes/);
    },
  );
});
