import type { IsolationLayer } from '../door/port';

/** What protects the checks from the code they check, in the handout. */
export const HANDOUT_ISOLATION: readonly IsolationLayer[] = [
  {
    name: 'vm realm',
    active: true,
    detail:
      'your code runs in a fresh V8 context without Node, vitest or the checks in it, so nothing it changes there can make a check pass',
  },
  {
    name: 'child process',
    active: false,
    detail:
      'on your own machine the realm is enough; when your work is graded it also runs in a separate, locked-down process',
  },
];
