/**
 * The known mistakes of 05-valley, by slug: each is a whole exercise file with that one bug, kept as
 * `05-valley/<slug>.ts` beside this file (laid out as a submission, so its imports resolve as they do
 * when it is graded). The grader names the mistake whose answers a submission reproduces on the
 * designed probes, with this text.
 */
export const valleyMistakes = {
  'caret-for-power': {
    name: 'You wrote ^ for "to the power of"',
    explanation:
      'In TypeScript `^` is bitwise XOR on integers, not exponentiation, and it binds more loosely than +. Your valley therefore computes something unrelated to x² + xy + y².',
    hint: 'How do you write x squared in TypeScript?',
  },
  'swapped-partials': {
    name: 'Your valley gradient has its partial derivatives swapped',
    explanation:
      'Your valleyGradient returns (x + 2y, 2x + y): ∂f/∂y in the x slot and ∂f/∂x in the y slot. On the diagonal x = y they agree, so it looks right there and nowhere else.',
    hint: 'Differentiate x² + xy + y² with respect to x only, treating y as a constant.',
  },
  'gradient-missing-factor-2': {
    name: 'Your valley gradient is missing the factor 2',
    explanation:
      'Your valleyGradient returns (x + y, x + y): the derivative of x² is 2x, not x. Both partial derivatives lose the 2 that comes down from the square.',
    hint: 'What is the derivative of x²?',
  },
  'descend-ignores-gradient': {
    name: "descend uses the valley's gradient instead of the one it is given",
    explanation:
      'Your descend calls valleyGradient instead of its gradient argument, so it only works on the valley. descend must follow whatever gradient function it is passed.',
    hint: 'Which function do you call inside the loop: your parameter, or a fixed one?',
  },
  'descend-adds-gradient': {
    name: 'descend adds the gradient (it climbs uphill)',
    explanation:
      'Your descend moves each point in the direction of the gradient, so it walks away from the minimum. Descent subtracts the gradient.',
    hint: 'Which way does the gradient point, and which way do you want to go?',
  },
  'path-missing-start': {
    name: "descend's path is missing the starting point",
    explanation:
      'Your path begins with the point after the first step, so it has iterations points instead of iterations + 1. path[0] must be start.',
    hint: 'What should descend return when iterations is 0?',
  },
  'descend-sequential-update': {
    name: "descend updates x first, then takes y's slope at the new x",
    explanation:
      "Your descend moves x, then evaluates the gradient again at the new x to move y, the same trap as seed 002's sequential update. That is a different algorithm: it even converges above the limit 2/3, where plain gradient descent on the valley diverges.",
    hint: 'Evaluate the gradient once per step, at the current point, and move both coordinates with it.',
  },
} satisfies Record<string, { readonly name: string; readonly explanation: string; readonly hint: string }>;
