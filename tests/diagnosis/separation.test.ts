import { describe, expect, it } from 'vitest';
import { catalogueOf } from '../../grader/diagnosis/catalogue';
import { entryAnswers, matchAnswers, referenceAnswers } from '../../grader/diagnosis/diagnose';
import { probesOf } from '../../grader/diagnosis/probes';
import { EXERCISE_IDS } from '../../grader/shipped/contract/exercises';
import type { Point } from '../../exercises/types';

describe.each(EXERCISE_IDS)('the designed probes of %s', (exercise) => {
  it('tell every two catalogue entries apart, and each entry from the reference, beyond tolerance', async () => {
    const programs = [
      { id: 'reference', answers: await referenceAnswers(exercise) },
      ...(await Promise.all(catalogueOf(exercise).map(async (e) => ({ id: e.id, answers: await entryAnswers(e) })))),
    ];
    const confusable: string[] = [];
    for (const a of programs) {
      expect(matchAnswers(exercise, a.answers, a.answers).matches, `${a.id} against itself`).toBe(true);
      for (const b of programs)
        if (a !== b && matchAnswers(exercise, a.answers, b.answers).matches) confusable.push(`${a.id} ~ ${b.id}`);
    }
    expect(confusable).toEqual([]);
  });

  it('are answered by the reference without errors', async () => {
    expect((await referenceAnswers(exercise)).filter((a) => !a.ok)).toEqual([]);
  });

  it('avoid the blind spots of docs/grading-notes.md', () => {
    const requests = probesOf(exercise).map((p) => p.request);
    expect(requests.every((r) => r.world === 'isolated')).toBe(true);
    const dataSets = requests.map((r) => r.args[0]).filter((a): a is Point[] => Array.isArray(a));
    if (dataSets.length) {
      expect(
        dataSets.some((ps) => ps.length >= 6 && ps.reduce((s, p) => s + p.x, 0) !== 0),
        'N ≥ 6 with Σx ≠ 0',
      ).toBe(true);
      expect(
        dataSets.some((ps) => ps.length <= 5),
        'a small N as well',
      ).toBe(true);
    }
    if (exercise === '03-step') expect(requests.some((r) => r.args[2] !== 0.0001 && r.args[2] !== 0)).toBe(true);
    if (exercise === '04-descent') {
      const options = requests.map((r) => r.args[1] as { initial: { m: number; b: number }; learningRate: number });
      expect(options.every((o) => o.learningRate !== 0.0001)).toBe(true);
      expect(options.some((o) => o.initial.m !== 0 || o.initial.b !== 0)).toBe(true);
    }
    if (exercise === '05-valley') {
      const descends = requests.filter((r) => r.fn === 'descend');
      const bowls = descends.map((r) => JSON.stringify(r.args[0]));
      expect(new Set(bowls).size, 'a bowl other than the valley').toBeGreaterThan(1);
      expect(
        descends.some((r) => {
          const s = r.args[1] as { x: number; y: number };
          return Math.abs(s.x) !== Math.abs(s.y);
        }),
        'a start off the eigenvectors',
      ).toBe(true);
      expect(
        requests.some(
          (r) =>
            r.fn === 'valleyGradient' &&
            (r.args[0] as { x: number; y: number }).x !== (r.args[0] as { x: number; y: number }).y,
        ),
        'x ≠ y',
      ).toBe(true);
    }
  });
});
