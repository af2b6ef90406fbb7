import type { MistakeText } from '../../../../../grading';

/** 07-feature-scaling's catalogue files' texts, by slug. */
export const scalingMistakes: Record<string, MistakeText> = {};
