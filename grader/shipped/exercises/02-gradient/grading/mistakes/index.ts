/**
 * The known mistakes of 02-gradient, by slug: each is a whole exercise file with that one bug, kept as
 * `02-gradient/<slug>.ts` beside this file (laid out as a submission, so its imports resolve as they do
 * when it is graded). The grader names the mistake whose answers a submission reproduces on the
 * designed probes, with this text.
 */
export const gradientMistakes = {
  'missing-factor-2': {
    name: 'You forgot the factor 2',
    explanation:
      "Your dm and db are both half the true partial derivatives: the 2 that comes down from the square is missing. That is the derivative of the 1/(2N) cost, not of this course's J with 1/N.",
    hint: 'Differentiate (y − (m·x + b))² with the chain rule: what does the exponent become?',
  },
  'sum-not-mean': {
    name: 'You did not divide the gradient by N',
    explanation:
      'Your partial derivatives are sums over the points, N times too large. J is a mean, so its derivatives are means too, and a sum makes the step size depend on the size of the data.',
    hint: 'J has a 1/N in front: does your gradient keep it?',
  },
  'wrong-sign': {
    name: 'Your gradient points downhill (a sign error)',
    explanation:
      'Your dm and db have the wrong sign: you wrote the residual as (m·x + b) − y but kept the minus sign of −2/N. A step against this gradient climbs the cost instead of descending it.',
    hint: 'Pick one residual form and derive the sign from it; do not mix the two.',
  },
  'missing-x-in-dm': {
    name: 'Your dm is missing the factor x',
    explanation:
      'Your ∂J/∂m is the same as ∂J/∂b: the x that comes from differentiating m·x is missing. The slope m only affects a prediction in proportion to x.',
    hint: 'What is the derivative of m·x + b with respect to m?',
  },
  'x-squared-in-dm': {
    name: 'Your dm multiplies by x twice',
    explanation: 'Your ∂J/∂m has x² where it should have x. The chain rule brings down one factor x from m·x, not two.',
    hint: 'Count the x factors in each term of dm.',
  },
  'swapped-partials': {
    name: "You returned dm and db in each other's place",
    explanation:
      "You computed both partial derivatives but returned ∂J/∂b as dm and ∂J/∂m as db. Every step then moves each parameter by the other one's slope.",
    hint: 'Check which sum goes into which field of the object you return.',
  },
  'swapped-model': {
    name: 'Your gradient is for the swapped model y = m + b·x',
    explanation:
      "Your partial derivatives belong to the prediction m + b·x: dm has no x and db has one. The course's line is y = m·x + b, where m multiplies x.",
    hint: 'Start from the prediction m·x + b and differentiate it with respect to each parameter.',
  },
  'skips-first-point': {
    name: 'Your loop skips the first point',
    explanation:
      'Your loop starts at index 1, so the first point never contributes to the gradient. The result changes when the points are reordered.',
    hint: 'Check where your loop counter starts.',
  },
} satisfies Record<string, { readonly name: string; readonly explanation: string; readonly hint: string }>;
