/** 10-mini-batch's catalogue files' texts, by slug (each a fixture under `10-mini-batch/<slug>.ts`). */
export const miniBatchMistakes: Readonly<Record<string, { name: string; explanation: string; hint: string }>> = {};
