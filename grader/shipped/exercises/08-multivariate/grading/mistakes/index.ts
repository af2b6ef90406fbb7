/** 08-multivariate's catalogue files' texts, by slug (each a fixture under `08-multivariate/<slug>.ts`). */
export const multivariateMistakes: Readonly<Record<string, { name: string; explanation: string; hint: string }>> = {};
