import type { MistakeText } from '../../../../../grading';

/** 09-normal-equation's catalogue files' texts, by slug. */
export const normalEquationMistakes: Record<string, MistakeText> = {};
