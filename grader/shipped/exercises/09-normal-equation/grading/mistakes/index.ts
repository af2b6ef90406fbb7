/**
 * The known mistakes of 09-normal-equation, by slug: each is a whole exercise file with that one bug,
 * kept as `09-normal-equation/<slug>.ts` beside this file (laid out as a submission, so its imports
 * resolve as they do when it is graded), and each is a slip of the space (space.ts) with these words.
 * The handout ships their answers on the designed probes, so a student's own `npm test` names them.
 */
export const normalEquationMistakes: Readonly<Record<string, { name: string; explanation: string; hint: string }>> = {
  'no-intercept': {
    name: 'Your model has no intercept: you solved X·w = y',
    explanation:
      'Your w solves XᵀX·w = Xᵀy on the raw data, and your b is 0: the best plane through the origin. The model is ŷ = w·x + b, and b is an unknown too; setting ∂J/∂b = 0 gives b = ȳ − w·x̄, and w must then be fitted to the centred data (or to X with a column of ones appended, whose weight is b).',
    hint: 'Is b one of the unknowns you solved for? Where does the best plane cross x = x̄?',
  },
  'ones-column-forgotten': {
    name: 'Your w comes from the raw X without a column of ones, and b from the means afterwards',
    explanation:
      'Your w solves XᵀX·w = Xᵀy on the raw data, the best plane through the origin, and only then is b set to ȳ − w·x̄. With an intercept the slopes change too: either centre X and y before forming the equations, or append a column of ones to X so that b is solved together with w.',
    hint: 'Solving for w before b exists means w is fitted as if b were 0: how would centring the columns first change your equations?',
  },
  'uncentred-b-mean-y': {
    name: 'Your w is solved on the raw data and your b is ȳ',
    explanation:
      'Your w solves XᵀX·w = Xᵀy on uncentred data (the plane through the origin), and your b is the mean of y. b = ȳ belongs to centred features; on raw features the best plane passes through (x̄, ȳ), so b = ȳ − w·x̄, and w must be fitted to the centred data.',
    hint: 'Your b is right only if every feature has mean 0: is that true of X as given?',
  },
  'gram-of-rows': {
    name: 'Your matrix is X·Xᵀ, not XᵀX',
    explanation:
      'Your matrix takes the products of rows of X with each other (X·Xᵀ, cut to d × d): a transposed index. The normal equations need XᵀX, the products of columns: entry (j, k) is Σᵢ x_ij·x_ik.',
    hint: 'XᵀX is d × d and X·Xᵀ is N × N: in your loop for entry (j, k), which index runs over the rows?',
  },
  'b-mean-y': {
    name: 'Your b is ȳ, without − w·x̄',
    explanation:
      'Your w is right, but your b is the mean of y: the intercept of the centred model. On the raw features the plane must pass through (x̄, ȳ), so b = ȳ − w·x̄.',
    hint: 'Your model predicts from the raw x, not from x − x̄: what must b be for the plane to pass through (x̄, ȳ)?',
  },
  'rhs-not-centred': {
    name: 'Your right-hand side is the raw Xᵀy, while your XᵀX is centred',
    explanation:
      "Your matrix is the centred X_cᵀX_c but your right-hand side is the raw Xᵀy, which is larger by N·x̄·ȳ. Centring on one side only solves the wrong equations. (X_cᵀy with y left raw would be fine: a centred column's entries sum to 0.)",
    hint: 'Which X goes into your right-hand side, the raw one or the centred one?',
  },
  'gram-averaged-rhs-summed': {
    name: 'Your XᵀX is divided by N but your Xᵀy is not',
    explanation:
      'Your w is N times the least-squares w: one side of the normal equations is a mean and the other a sum. Dividing both sides by N changes nothing; dividing one side only scales the solution.',
    hint: 'Check what each side of your equations is divided by.',
  },
};
