import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../grader/grading';
import { PUBLISHED_RUN } from '../../grader/shipped/exercises/04-descent/grading/checks';
import { trainWithReference } from '../../grader/train/train';
import { gradeFolder } from './support';
import { KIT_ROOT } from '../../grader/data/paths';
import { EXERCISE_IDS } from '../../grader/shipped/contract/exercises';

/** Every exercise of the kit: 01–06 and beyond the seeds. */
const EVERY_EXERCISE = { exercises: EXERCISE_IDS };

describe('the untouched stubs', () => {
  it('load, and grade as not implemented on every check of every exercise, with 0 points', async () => {
    const result = await gradeFolder(join(KIT_ROOT, 'exercises'), EVERY_EXERCISE);
    expect(result.score).toBe(0);
    expect(result.exercises.map((e) => e.module.state)).toEqual(Array(EXERCISE_IDS.length).fill('loaded'));
    const checks = result.exercises.flatMap((e) => e.checks);
    expect(checks).toHaveLength(ALL_CHECKS.length);
    for (const check of checks)
      expect({ id: check.id, status: check.status, points: check.points, message: check.message }).toEqual({
        id: check.id,
        status: 'not-implemented',
        points: 0,
        message: 'not implemented yet',
      });
  });
});

describe('the reference solutions', () => {
  it('score full marks on every check of every exercise', async () => {
    const result = await gradeFolder(join(KIT_ROOT, 'solutions'), EVERY_EXERCISE);
    const failing = result.exercises.flatMap((e) => e.checks).filter((c) => c.status !== 'pass');
    expect(failing).toEqual([]);
    expect(result.exercises.map((e) => e.exercise)).toEqual(EXERCISE_IDS);
    expect(result.score).toBe(result.maxScore);
  });

  it('score 100/100 on the default assignment, the seeds’ six exercises', async () => {
    const result = await gradeFolder(join(KIT_ROOT, 'solutions'));
    expect(result.exercises.map((e) => e.exercise)).toEqual(EXERCISE_IDS.slice(0, 6));
    expect([result.score, result.maxScore]).toEqual([100, 100]);
  });

  it('give the seeds’ six exercises whole points that add up to 100, and each exercise beyond them whole points', () => {
    const perExercise = new Map<string, number>();
    for (const check of ALL_CHECKS)
      perExercise.set(check.exercise, (perExercise.get(check.exercise) ?? 0) + check.points);
    expect(Object.fromEntries(perExercise)).toEqual({
      '01-cost': 15,
      '02-gradient': 20,
      '03-step': 15,
      '04-descent': 20,
      '05-valley': 15,
      '06-learning-rate': 15,
      ...Object.fromEntries(
        EXERCISE_IDS.slice(6).map((id) => [id, expect.toSatisfy((p: number) => Number.isInteger(p) && p > 0)]),
      ),
    });
  });

  it('reproduce the seeds’ published run within 1e−12 relative', () => {
    const run = trainWithReference(PUBLISHED_RUN.input.points, PUBLISHED_RUN.input);
    const close = (actual: number, published: number) => Math.abs(actual - published) <= 1e-12 * Math.abs(published);
    expect(close(run.startError, PUBLISHED_RUN.startError)).toBe(true);
    expect(close(run.line.b, PUBLISHED_RUN.b)).toBe(true);
    expect(close(run.line.m, PUBLISHED_RUN.m)).toBe(true);
    expect(close(run.error, PUBLISHED_RUN.error)).toBe(true);
  });

  it('have unique check ids, each starting with its exercise folder', () => {
    const ids = ALL_CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const check of ALL_CHECKS) expect(check.id.startsWith(`${check.exercise}/`)).toBe(true);
  });
});
