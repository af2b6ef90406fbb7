/**
 * The known mistakes of 03-step, by slug: each is a whole exercise file with that one bug, kept as
 * `03-step/<slug>.ts` beside this file (laid out as a submission, so its imports resolve as they do
 * when it is graded). The grader names the mistake whose answers a submission reproduces on the
 * designed probes, with this text.
 */
export const stepMistakes = {
  'adds-gradient': {
    name: 'Your step adds the gradient (it climbs uphill)',
    explanation:
      'Your step moves to m + η·dm and b + η·db, in the direction of the gradient. The gradient points uphill, so gradient descent subtracts it.',
    hint: 'Which way does the gradient point, and which way do you want to go?',
  },
  'sequential-update': {
    name: "You updated m first, then took b's gradient at the new m",
    explanation:
      "Your step updates m, then computes ∂J/∂b at the new m instead of the old one (seed 002's `gradient_descent_LR` does this). For small rates it still converges, but it is not the gradient-descent update, and the difference grows with the learning rate.",
    hint: 'Take both partial derivatives at the same line, before changing either parameter.',
  },
  'wrong-parameter-gradient': {
    name: "You updated each parameter with the other one's derivative",
    explanation:
      'Your step moves m by η·db and b by η·dm. Each parameter must move against its own partial derivative.',
    hint: 'Match each parameter with the partial derivative taken with respect to it.',
  },
  'divides-by-rate': {
    name: 'You divided by the learning rate instead of multiplying',
    explanation:
      'Your step moves by dm/η and db/η, so a smaller learning rate makes a bigger step, and η = 0 divides by zero. The learning rate scales the step: η·dm.',
    hint: 'What should a learning rate of 0 do to the line?',
  },
  'hardcoded-rate': {
    name: 'Your step ignores its learningRate and uses a fixed rate',
    explanation:
      "Your step uses a constant rate (like seed 000's 0.0001) instead of the learningRate it is given. It gives the right answer only at that one rate.",
    hint: 'Is the learningRate parameter used anywhere in your function?',
  },
  'forgets-b': {
    name: 'Your step never updates b',
    explanation:
      'Your step moves m but returns the old b. Both parameters must move against their partial derivatives in every step.',
    hint: 'Look at the b you return: where does it come from?',
  },
} satisfies Record<string, { readonly name: string; readonly explanation: string; readonly hint: string }>;
