/** 07-feature-scaling's catalogue files' texts, by slug (each a fixture under `07-feature-scaling/<slug>.ts`). */
export const scalingMistakes: Readonly<Record<string, { name: string; explanation: string; hint: string }>> = {};
