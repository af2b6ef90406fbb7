/**
 * The known mistakes of 04-descent, by slug: each is a whole exercise file with that one bug, kept as
 * `04-descent/<slug>.ts` beside this file (laid out as a submission, so its imports resolve as they do
 * when it is graded). The grader names the mistake whose answers a submission reproduces on the
 * designed probes, with this text.
 */
export const descentMistakes = {
  'one-step-short': {
    name: 'Your loop takes one step too few',
    explanation:
      'Your loop runs iterations − 1 times, so the line is one step short and costs has one entry missing. An off-by-one in the loop bounds is the usual cause.',
    hint: 'With iterations = 1, how many times does your loop body run?',
  },
  'one-step-too-many': {
    name: 'Your loop takes one step too many',
    explanation:
      'Your loop runs iterations + 1 times, so the line has gone one step too far and costs has one entry too many. An off-by-one in the loop bounds (≤ instead of <) is the usual cause.',
    hint: 'With iterations = 0, how many times does your loop body run?',
  },
  'missing-initial-cost': {
    name: 'costs is missing the cost before the first step',
    explanation:
      'Your costs list starts with the cost after the first step. costs[0] must be the cost at options.initial, so the list has iterations + 1 entries.',
    hint: 'What should costs hold when iterations is 0?',
  },
  'cost-before-each-step': {
    name: 'You record the cost before each step, so the last one is missing',
    explanation:
      'Your loop records the cost and then steps, so costs ends with the cost one step before the final line. The cost after the last step is never recorded.',
    hint: 'Does the last number in costs belong to the line you return?',
  },
  'ignores-initial': {
    name: 'Your descent starts from (0, 0) instead of options.initial',
    explanation:
      "Your descent always starts from m = b = 0, as seed 000's run does, whatever options.initial says. It only looks right when the start happens to be (0, 0).",
    hint: 'Where does your starting line come from?',
  },
  'hardcoded-rate': {
    name: 'Your descent ignores options.learningRate and uses a fixed rate',
    explanation:
      "Your loop steps with a constant rate (like seed 000's 0.0001) instead of options.learningRate. It gives the right answer only at that one rate.",
    hint: 'Is options.learningRate used anywhere in your function?',
  },
  'returns-first-line': {
    name: 'You return the starting line instead of the final one',
    explanation:
      'Your loop descends correctly, but you return options.initial as the line. The result must be the line after the last step.',
    hint: 'Which variable holds the line after the loop, and which one do you return?',
  },
  'climbs-uphill': {
    name: 'Your loop adds the gradient (it climbs uphill)',
    explanation:
      'Your loop moves m and b in the direction of the gradient, so the cost rises at every step. Gradient descent subtracts the gradient.',
    hint: 'Which way does the gradient point, and which way do you want to go?',
  },
} satisfies Record<string, { readonly name: string; readonly explanation: string; readonly hint: string }>;
