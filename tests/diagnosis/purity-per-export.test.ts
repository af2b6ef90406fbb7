/**
 * An exercise with several exports checks each one's purity on its own (08's `predict-pure`,
 * `cost-pure`, …): a function that changes its arguments is named for it whichever of them it is.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KIT_ROOT } from '../../grader/data/paths';
import { referenceSubmission, withExerciseSource } from '../../grader/diagnosis/variant-submission';
import { exerciseOf, grade } from './_support';

const reference08 = readFileSync(join(KIT_ROOT, 'solutions', '08-multivariate', 'multivariate.ts'), 'utf8');

describe('purity checked export by export', () => {
  it('names 08’s predict that reverses the caller’s rows after answering right as changing its arguments', async () => {
    const source =
      reference08.replace('export function predict(', 'function rightPredict(') +
      '\nexport function predict(X: Matrix, model: LinearModel): number[] {\n' +
      '  const answer = rightPredict(X, model);\n  (X as number[][]).reverse();\n  return answer;\n}\n';
    expect(source).not.toBe(reference08);
    const submission = withExerciseSource(referenceSubmission(), '08-multivariate', source, 'reverses-rows-in-place');
    const own = exerciseOf(await grade(submission, { exercises: ['08-multivariate'] }), '08-multivariate');
    expect(own.checks.find((c) => c.id === '08-multivariate/predict-pure')?.status).toBe('fail');
    expect(own.diagnosis?.id).toBe('08-multivariate/changes-its-arguments');
  });
});
