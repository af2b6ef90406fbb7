/**
 * The known mistakes of 06-learning-rate, by slug: each is a whole exercise file with that one bug, kept as
 * `06-learning-rate/<slug>.ts` beside this file (laid out as a submission, so its imports resolve as they do
 * when it is graded). The grader names the mistake whose answers a submission reproduces on the
 * designed probes, with this text.
 */
export const learningRateMistakes = {
  'one-over-lambda-max': {
    name: 'Your stability limit is 1/λmax instead of 2/λmax',
    explanation:
      'Your maxStableLearningRate returns 1/λmax, half the true limit. Along the steepest direction a step multiplies the error by 1 − η·λmax, which stays inside (−1, 1) up to η = 2/λmax.',
    hint: 'For which η is |1 − η·λ| < 1?',
  },
  'two-over-lambda-min': {
    name: 'You used the smallest eigenvalue instead of the largest',
    explanation:
      'Your limit is 2/λmin, set by the flattest direction of the bowl. Descent blows up along the steepest direction first, so the limit is 2/λmax.',
    hint: 'Which direction of the bowl overshoots first when η grows?',
  },
  'hessian-without-factor-2': {
    name: 'Your Hessian is missing its factor 2',
    explanation:
      "You took the eigenvalues of [[mean x², mean x], [mean x, 1]], but J's Hessian is twice that matrix. Your limit is therefore twice the true one, and descent at your rate diverges.",
    hint: 'Differentiate J twice: what factor comes down from the square?',
  },
  'diagonal-only': {
    name: 'Your stability limit uses only the curvature along m',
    explanation:
      'You used 2/(2·mean x²), the curvature of J along m alone, and ignored the coupling between m and b. The steepest direction of the bowl mixes m and b, so the limit needs the largest eigenvalue of the full 2×2 Hessian.',
    hint: 'What do the off-diagonal entries of the Hessian do to its eigenvalues?',
  },
  'two-over-trace': {
    name: 'You used the trace of the Hessian instead of its largest eigenvalue',
    explanation:
      'Your limit is 2/trace(H), the sum of both eigenvalues, so it is always below the true limit 2/λmax. It is safe but not the supremum the exercise asks for.',
    hint: 'The trace is λ₁ + λ₂: which of the two sets the limit?',
  },
  'least-squares-swapped': {
    name: "leastSquares returns the slope and the intercept in each other's place",
    explanation:
      'Your normal equations are solved correctly, but you return the intercept as m and the slope as b. The line is y = m·x + b: m is the slope.',
    hint: 'Check which value goes into which field of the line you return.',
  },
  'uncentred-wrong-denominator': {
    name: 'Your closed-form slope has the wrong denominator',
    explanation:
      'Your slope divides by Σx² − (Σx)², which mixes the two textbook forms of the formula. The uncentred form is (N·Σxy − Σx·Σy) / (N·Σx² − (Σx)²): numerator and denominator need the same factor N.',
    hint: 'Derive the denominator from the normal equations, or use the centred form Σ(x − x̄)².',
  },
  'forgets-to-divide': {
    name: 'Your closed-form intercept is missing the division by N',
    explanation:
      'Your slope is right, but your intercept is Σy − m·Σx instead of (Σy − m·Σx)/N. The intercept makes the line pass through the point of means (x̄, ȳ).',
    hint: 'Is your intercept a sum or a mean?',
  },
  'intercept-is-mean-y': {
    name: "Your closed-form intercept is ȳ, without the slope's share",
    explanation:
      'Your intercept is the mean of y, which is only right when the mean of x is 0. The best line passes through (x̄, ȳ), so b = ȳ − m·x̄.',
    hint: 'Which point does the least-squares line always pass through?',
  },
} satisfies Record<string, { readonly name: string; readonly explanation: string; readonly hint: string }>;
