import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../grader/grading';
import { PUBLISHED_RUN } from '../../grader/shipped/exercises/04-descent/grading/checks';
import { trainWithReference } from '../../grader/train/train';
import { gradeFolder } from './support';
import { KIT_ROOT } from '../../grader/data/paths';

describe('the untouched stubs', () => {
  it('load, and grade as not implemented on every check, with 0 points', async () => {
    const result = await gradeFolder(join(KIT_ROOT, 'exercises'));
    expect(result.score).toBe(0);
    expect(result.exercises.map((e) => e.module.state)).toEqual(Array(6).fill('loaded'));
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
  it('score full marks on every check', async () => {
    const result = await gradeFolder(join(KIT_ROOT, 'solutions'));
    const failing = result.exercises.flatMap((e) => e.checks).filter((c) => c.status !== 'pass');
    expect(failing).toEqual([]);
    expect(result.score).toBe(100);
    expect(result.maxScore).toBe(100);
  });

  it('give each exercise whole points that add up to 100', () => {
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
