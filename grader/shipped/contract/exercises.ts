/**
 * The exercises of the contract: where each lives, what it exports, and which exercises it is
 * meant to build on (its README names them as the imports it may use; the reference imports them).
 */
export const EXERCISES = [
  { id: '01-cost', file: 'cost.ts', exports: ['computeCost'], buildsOn: [] },
  { id: '02-gradient', file: 'gradient.ts', exports: ['computeGradient'], buildsOn: [] },
  { id: '03-step', file: 'step.ts', exports: ['step'], buildsOn: ['02-gradient'] },
  { id: '04-descent', file: 'descent.ts', exports: ['gradientDescent'], buildsOn: ['01-cost', '03-step'] },
  { id: '05-valley', file: 'valley.ts', exports: ['valley', 'valleyGradient', 'descend'], buildsOn: [] },
  {
    id: '06-learning-rate',
    file: 'learning-rate.ts',
    exports: ['leastSquares', 'maxStableLearningRate'],
    buildsOn: [],
  },
  {
    id: '07-feature-scaling',
    file: 'feature-scaling.ts',
    exports: ['fitScaler', 'scaleFeatures', 'unscaleModel'],
    buildsOn: [],
  },
  {
    id: '08-multivariate',
    file: 'multivariate.ts',
    exports: ['predict', 'computeCostMulti', 'computeGradientMulti', 'gradientDescentMulti'],
    buildsOn: [],
  },
  { id: '09-normal-equation', file: 'normal-equation.ts', exports: ['normalEquation'], buildsOn: [] },
  { id: '10-mini-batch', file: 'mini-batch.ts', exports: ['miniBatchGradientDescent'], buildsOn: ['08-multivariate'] },
  {
    id: '11-momentum',
    file: 'momentum.ts',
    exports: ['descendWithMomentum', 'maxStableMomentumRate'],
    buildsOn: ['06-learning-rate'],
  },
] as const;

export type ExerciseId = (typeof EXERCISES)[number]['id'];
export type ExportName = (typeof EXERCISES)[number]['exports'][number];

export const EXERCISE_IDS: readonly ExerciseId[] = EXERCISES.map((e) => e.id);

/**
 * Every exercise this one builds on, directly or through another, lowest first: what an isolated
 * world lends the reference of (and nothing else), and the only exercises whose breakage can
 * earn this one its marks back when it is graded in isolation. A student's file may import other
 * siblings too, but their work is never done by the reference.
 */
export function foundationsOf(exercise: ExerciseId): readonly ExerciseId[] {
  const found = new Set<ExerciseId>();
  const visit = (id: ExerciseId) => {
    for (const next of EXERCISES.find((e) => e.id === id)!.buildsOn as readonly ExerciseId[]) {
      if (!found.has(next)) {
        found.add(next);
        visit(next);
      }
    }
  };
  visit(exercise);
  return EXERCISE_IDS.filter((id) => found.has(id));
}

/** The module id a file is known by inside a submission: `01-cost/cost`. */
export function moduleIdOf(exercise: ExerciseId): string {
  const spec = EXERCISES.find((e) => e.id === exercise)!;
  return `${spec.id}/${spec.file.replace(/\.ts$/, '')}`;
}

export function exerciseFile(exercise: ExerciseId): string {
  return EXERCISES.find((e) => e.id === exercise)!.file;
}

/** The shape each export must answer with; the trusted side checks every answer against it. */
export const ANSWER_SHAPES: Record<ExportName, AnswerShape> = {
  computeCost: 'number',
  computeGradient: 'Gradient',
  step: 'Line',
  gradientDescent: 'DescentResult',
  valley: 'number',
  valleyGradient: 'Vec2',
  descend: 'Vec2[]',
  leastSquares: 'Line',
  maxStableLearningRate: 'number',
  fitScaler: 'Scaler',
  scaleFeatures: 'number[][]',
  unscaleModel: 'LinearModel',
  predict: 'number[]',
  computeCostMulti: 'number',
  computeGradientMulti: 'ModelGradient',
  gradientDescentMulti: 'MultiDescentResult',
  normalEquation: 'LinearModel',
  miniBatchGradientDescent: 'MultiDescentResult',
  descendWithMomentum: 'Vec2[]',
  maxStableMomentumRate: 'number',
};

export type AnswerShape =
  | 'number'
  | 'Gradient'
  | 'Line'
  | 'Vec2'
  | 'DescentResult'
  | 'Vec2[]'
  | 'number[]'
  | 'number[][]'
  | 'Scaler'
  | 'LinearModel'
  | 'ModelGradient'
  | 'MultiDescentResult';

export function exerciseOfExport(fn: ExportName): ExerciseId {
  return EXERCISES.find((e) => (e.exports as readonly string[]).includes(fn))!.id;
}
