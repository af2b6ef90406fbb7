/** The six exercises of the contract: where each lives and what it exports. */
export const EXERCISES = [
  { id: '01-cost', file: 'cost.ts', exports: ['computeCost'] },
  { id: '02-gradient', file: 'gradient.ts', exports: ['computeGradient'] },
  { id: '03-step', file: 'step.ts', exports: ['step'] },
  { id: '04-descent', file: 'descent.ts', exports: ['gradientDescent'] },
  { id: '05-valley', file: 'valley.ts', exports: ['valley', 'valleyGradient', 'descend'] },
  { id: '06-learning-rate', file: 'learning-rate.ts', exports: ['leastSquares', 'maxStableLearningRate'] },
] as const;

export type ExerciseId = (typeof EXERCISES)[number]['id'];
export type ExportName = (typeof EXERCISES)[number]['exports'][number];

export const EXERCISE_IDS: readonly ExerciseId[] = EXERCISES.map((e) => e.id);

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
};

export type AnswerShape = 'number' | 'Gradient' | 'Line' | 'Vec2' | 'DescentResult' | 'Vec2[]';

export function exerciseOfExport(fn: ExportName): ExerciseId {
  return EXERCISES.find((e) => (e.exports as readonly string[]).includes(fn))!.id;
}
