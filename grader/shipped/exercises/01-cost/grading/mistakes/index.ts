/**
 * The known mistakes of 01-cost, by slug: each is a whole exercise file with that one bug, kept as
 * `01-cost/<slug>.ts` beside this file (laid out as a submission, so its imports resolve as they do
 * when it is graded). The grader names the mistake whose answers a submission reproduces on the
 * designed probes, with this text.
 */
export const costMistakes = {
  'sum-not-mean': {
    name: 'You added up the squared errors but did not divide by N',
    explanation:
      'Your cost is the sum of the squared errors, N times the mean. A sum grows with the number of points, so the same line looks worse on a bigger data set.',
    hint: 'The cost is a mean: what do you do with a total to turn it into an average?',
  },
  'half-cost': {
    name: 'You used the ½·mean convention (1/(2N)) instead of the mean',
    explanation:
      'Your cost is exactly half the mean squared error, the 1/(2N) convention some courses use to make the derivative tidier. This course defines J with 1/N, so every cost you report is half of what it should be.',
    hint: 'Compare the factor in front of your sum with the formula in the README, not with another course.',
  },
  'divides-by-n-minus-1': {
    name: 'You divided by N − 1 instead of N',
    explanation:
      'Your cost divides the sum of squared errors by N − 1, as for a sample variance. J is a plain mean over the N points, and with a single point your version divides by zero.',
    hint: 'How many squared errors are you averaging?',
  },
  rmse: {
    name: 'You took the square root (RMSE) of the mean squared error',
    explanation:
      'Your cost is the root mean squared error, the square root of J. It ranks lines the same way, but it is not J: its value and its derivatives are different.',
    hint: 'Read the formula for J again: is there a root anywhere in it?',
  },
  'mean-absolute-error': {
    name: 'You averaged absolute errors instead of squared errors',
    explanation:
      'Your cost is the mean absolute error, the average of |y − (m·x + b)|. J squares each error, which punishes big misses more and gives a smooth bowl that gradient descent can follow.',
    hint: 'What happens to each error before it is added to the total?',
  },
  'swapped-model': {
    name: 'You swapped the roles of m and b (y = m + b·x)',
    explanation:
      "Your prediction is m + b·x, so b acts as the slope and m as the intercept. The course's line is y = m·x + b: m multiplies x, b is added.",
    hint: 'Write the prediction for a single point and check which parameter multiplies x.',
  },
  'forgot-to-square': {
    name: 'You forgot to square the errors',
    explanation:
      'Your cost averages the raw errors y − (m·x + b), so errors above and below the line cancel out, and the cost can even be negative. J squares each error first, so every miss counts.',
    hint: 'Can your cost ever be negative? Should it be?',
  },
  'squares-the-sum': {
    name: 'You squared the total error instead of each error',
    explanation:
      'Your cost adds up the errors first and squares the total, (Σ rᵢ)²/N. Positive and negative errors cancel before the square, so a line that misses every point can still get cost 0.',
    hint: 'Where does the square go: inside the sum or outside it?',
  },
  'skips-first-point': {
    name: 'Your loop skips the first point',
    explanation:
      'Your loop starts at index 1, so the first point never contributes to the cost. The result depends on which point happens to come first.',
    hint: 'Check where your loop counter starts.',
  },
} satisfies Record<string, { readonly name: string; readonly explanation: string; readonly hint: string }>;
