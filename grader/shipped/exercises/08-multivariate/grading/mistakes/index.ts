import type { MistakeText } from '../../../../../grading';

/** 08-multivariate's catalogue files' texts, by slug. */
export const multivariateMistakes: Record<string, MistakeText> = {};
