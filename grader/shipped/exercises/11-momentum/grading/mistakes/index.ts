/** 11-momentum's catalogue files' texts, by slug (each a fixture under `11-momentum/<slug>.ts`). */
export const momentumMistakes: Readonly<Record<string, { name: string; explanation: string; hint: string }>> = {};
