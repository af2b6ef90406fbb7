/** 09-normal-equation's catalogue files' texts, by slug (each a fixture under `09-normal-equation/<slug>.ts`). */
export const normalEquationMistakes: Readonly<Record<string, { name: string; explanation: string; hint: string }>> = {};
