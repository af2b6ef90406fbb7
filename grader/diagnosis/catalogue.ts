import { join } from 'node:path';
import { KIT_ROOT } from '../data/paths';
import type { ExerciseId } from '../exercises';

/**
 * A known mistake: a buggy variant of one exercise file, kept as real TypeScript under
 * `grader/diagnosis/mistakes/<exercise>/<slug>.ts`. The kit's tests prove that each one fails
 * and is named as itself, and that the designed probes tell every two of them apart.
 */
export interface CatalogueEntry {
  /** `02-gradient/missing-factor-2`: the exercise, then the variant file's name. */
  readonly id: string;
  readonly exercise: ExerciseId;
  /** What a student understands. */
  readonly name: string;
  /** Two sentences: what the code does, and why that is wrong. */
  readonly explanation: string;
  /** Where to look, without the answer. */
  readonly hint: string;
}

export const CATALOGUE_DIR = join(KIT_ROOT, 'grader', 'diagnosis', 'mistakes');

type Text = Omit<CatalogueEntry, 'id' | 'exercise'>;

function entries(exercise: ExerciseId, texts: Record<string, Text>): CatalogueEntry[] {
  return Object.entries(texts).map(([slug, text]) => ({ id: `${exercise}/${slug}`, exercise, ...text }));
}

const COST = entries('01-cost', {
  'sum-not-mean': {
    name: 'You added up the squared errors but did not divide by N',
    explanation: 'Your cost is the sum of the squared errors, N times the mean. A sum grows with the number of points, so the same line looks worse on a bigger data set.',
    hint: 'The cost is a mean: what do you do with a total to turn it into an average?',
  },
  'half-cost': {
    name: 'You used the ½·mean convention (1/(2N)) instead of the mean',
    explanation: 'Your cost is exactly half the mean squared error, the 1/(2N) convention some courses use to make the derivative tidier. This course defines J with 1/N, so every cost you report is half of what it should be.',
    hint: 'Compare the factor in front of your sum with the formula in the README, not with another course.',
  },
  'divides-by-n-minus-1': {
    name: 'You divided by N − 1 instead of N',
    explanation: 'Your cost divides the sum of squared errors by N − 1, as for a sample variance. J is a plain mean over the N points, and with a single point your version divides by zero.',
    hint: 'How many squared errors are you averaging?',
  },
  rmse: {
    name: 'You took the square root (RMSE) of the mean squared error',
    explanation: 'Your cost is the root mean squared error, the square root of J. It ranks lines the same way, but it is not J: its value and its derivatives are different.',
    hint: 'Read the formula for J again: is there a root anywhere in it?',
  },
  'mean-absolute-error': {
    name: 'You averaged absolute errors instead of squared errors',
    explanation: 'Your cost is the mean absolute error, the average of |y − (m·x + b)|. J squares each error, which punishes big misses more and gives a smooth bowl that gradient descent can follow.',
    hint: 'What happens to each error before it is added to the total?',
  },
  'swapped-model': {
    name: 'You swapped the roles of m and b (y = m + b·x)',
    explanation: 'Your prediction is m + b·x, so b acts as the slope and m as the intercept. The course\'s line is y = m·x + b: m multiplies x, b is added.',
    hint: 'Write the prediction for a single point and check which parameter multiplies x.',
  },
  'forgot-to-square': {
    name: 'You forgot to square the errors',
    explanation: 'Your cost averages the raw errors y − (m·x + b), so errors above and below the line cancel out, and the cost can even be negative. J squares each error first, so every miss counts.',
    hint: 'Can your cost ever be negative? Should it be?',
  },
  'squares-the-sum': {
    name: 'You squared the total error instead of each error',
    explanation: 'Your cost adds up the errors first and squares the total, (Σ rᵢ)²/N. Positive and negative errors cancel before the square, so a line that misses every point can still get cost 0.',
    hint: 'Where does the square go: inside the sum or outside it?',
  },
  'skips-first-point': {
    name: 'Your loop skips the first point',
    explanation: 'Your loop starts at index 1, so the first point never contributes to the cost. The result depends on which point happens to come first.',
    hint: 'Check where your loop counter starts.',
  },
});

const GRADIENT = entries('02-gradient', {
  'missing-factor-2': {
    name: 'You forgot the factor 2',
    explanation: 'Your dm and db are both half the true partial derivatives: the 2 that comes down from the square is missing. That is the derivative of the 1/(2N) cost, not of this course\'s J with 1/N.',
    hint: 'Differentiate (y − (m·x + b))² with the chain rule: what does the exponent become?',
  },
  'sum-not-mean': {
    name: 'You did not divide the gradient by N',
    explanation: 'Your partial derivatives are sums over the points, N times too large. J is a mean, so its derivatives are means too, and a sum makes the step size depend on the size of the data.',
    hint: 'J has a 1/N in front: does your gradient keep it?',
  },
  'wrong-sign': {
    name: 'Your gradient points downhill (a sign error)',
    explanation: 'Your dm and db have the wrong sign: you wrote the residual as (m·x + b) − y but kept the minus sign of −2/N. A step against this gradient climbs the cost instead of descending it.',
    hint: 'Pick one residual form and derive the sign from it; do not mix the two.',
  },
  'missing-x-in-dm': {
    name: 'Your dm is missing the factor x',
    explanation: 'Your ∂J/∂m is the same as ∂J/∂b: the x that comes from differentiating m·x is missing. The slope m only affects a prediction in proportion to x.',
    hint: 'What is the derivative of m·x + b with respect to m?',
  },
  'x-squared-in-dm': {
    name: 'Your dm multiplies by x twice',
    explanation: 'Your ∂J/∂m has x² where it should have x. The chain rule brings down one factor x from m·x, not two.',
    hint: 'Count the x factors in each term of dm.',
  },
  'swapped-partials': {
    name: 'You returned dm and db in each other\'s place',
    explanation: 'You computed both partial derivatives but returned ∂J/∂b as dm and ∂J/∂m as db. Every step then moves each parameter by the other one\'s slope.',
    hint: 'Check which sum goes into which field of the object you return.',
  },
  'swapped-model': {
    name: 'Your gradient is for the swapped model y = m + b·x',
    explanation: 'Your partial derivatives belong to the prediction m + b·x: dm has no x and db has one. The course\'s line is y = m·x + b, where m multiplies x.',
    hint: 'Start from the prediction m·x + b and differentiate it with respect to each parameter.',
  },
  'skips-first-point': {
    name: 'Your loop skips the first point',
    explanation: 'Your loop starts at index 1, so the first point never contributes to the gradient. The result changes when the points are reordered.',
    hint: 'Check where your loop counter starts.',
  },
});

const STEP = entries('03-step', {
  'adds-gradient': {
    name: 'Your step adds the gradient (it climbs uphill)',
    explanation: 'Your step moves to m + η·dm and b + η·db, in the direction of the gradient. The gradient points uphill, so gradient descent subtracts it.',
    hint: 'Which way does the gradient point, and which way do you want to go?',
  },
  'sequential-update': {
    name: 'You updated m first, then took b\'s gradient at the new m',
    explanation: 'Your step updates m, then computes ∂J/∂b at the new m instead of the old one (seed 002\'s `gradient_descent_LR` does this). For small rates it still converges, but it is not the gradient-descent update, and the difference grows with the learning rate.',
    hint: 'Take both partial derivatives at the same line, before changing either parameter.',
  },
  'wrong-parameter-gradient': {
    name: 'You updated each parameter with the other one\'s derivative',
    explanation: 'Your step moves m by η·db and b by η·dm. Each parameter must move against its own partial derivative.',
    hint: 'Match each parameter with the partial derivative taken with respect to it.',
  },
  'divides-by-rate': {
    name: 'You divided by the learning rate instead of multiplying',
    explanation: 'Your step moves by dm/η and db/η, so a smaller learning rate makes a bigger step, and η = 0 divides by zero. The learning rate scales the step: η·dm.',
    hint: 'What should a learning rate of 0 do to the line?',
  },
  'hardcoded-rate': {
    name: 'Your step ignores its learningRate and uses a fixed rate',
    explanation: 'Your step uses a constant rate (like seed 000\'s 0.0001) instead of the learningRate it is given. It gives the right answer only at that one rate.',
    hint: 'Is the learningRate parameter used anywhere in your function?',
  },
  'forgets-b': {
    name: 'Your step never updates b',
    explanation: 'Your step moves m but returns the old b. Both parameters must move against their partial derivatives in every step.',
    hint: 'Look at the b you return: where does it come from?',
  },
});

const DESCENT = entries('04-descent', {
  'one-step-short': {
    name: 'Your loop takes one step too few',
    explanation: 'Your loop runs iterations − 1 times, so the line is one step short and costs has one entry missing. An off-by-one in the loop bounds is the usual cause.',
    hint: 'With iterations = 1, how many times does your loop body run?',
  },
  'one-step-too-many': {
    name: 'Your loop takes one step too many',
    explanation: 'Your loop runs iterations + 1 times, so the line has gone one step too far and costs has one entry too many. An off-by-one in the loop bounds (≤ instead of <) is the usual cause.',
    hint: 'With iterations = 0, how many times does your loop body run?',
  },
  'missing-initial-cost': {
    name: 'costs is missing the cost before the first step',
    explanation: 'Your costs list starts with the cost after the first step. costs[0] must be the cost at options.initial, so the list has iterations + 1 entries.',
    hint: 'What should costs hold when iterations is 0?',
  },
  'cost-before-each-step': {
    name: 'You record the cost before each step, so the last one is missing',
    explanation: 'Your loop records the cost and then steps, so costs ends with the cost one step before the final line. The cost after the last step is never recorded.',
    hint: 'Does the last number in costs belong to the line you return?',
  },
  'ignores-initial': {
    name: 'Your descent starts from (0, 0) instead of options.initial',
    explanation: 'Your descent always starts from m = b = 0, as seed 000\'s run does, whatever options.initial says. It only looks right when the start happens to be (0, 0).',
    hint: 'Where does your starting line come from?',
  },
  'hardcoded-rate': {
    name: 'Your descent ignores options.learningRate and uses a fixed rate',
    explanation: 'Your loop steps with a constant rate (like seed 000\'s 0.0001) instead of options.learningRate. It gives the right answer only at that one rate.',
    hint: 'Is options.learningRate used anywhere in your function?',
  },
  'returns-first-line': {
    name: 'You return the starting line instead of the final one',
    explanation: 'Your loop descends correctly, but you return options.initial as the line. The result must be the line after the last step.',
    hint: 'Which variable holds the line after the loop, and which one do you return?',
  },
  'climbs-uphill': {
    name: 'Your loop adds the gradient (it climbs uphill)',
    explanation: 'Your loop moves m and b in the direction of the gradient, so the cost rises at every step. Gradient descent subtracts the gradient.',
    hint: 'Which way does the gradient point, and which way do you want to go?',
  },
});

const VALLEY = entries('05-valley', {
  'caret-for-power': {
    name: 'You wrote ^ for "to the power of"',
    explanation: 'In TypeScript `^` is bitwise XOR on integers, not exponentiation, and it binds more loosely than +. Your valley therefore computes something unrelated to x² + xy + y².',
    hint: 'How do you write x squared in TypeScript?',
  },
  'swapped-partials': {
    name: 'Your valley gradient has its partial derivatives swapped',
    explanation: 'Your valleyGradient returns (x + 2y, 2x + y): ∂f/∂y in the x slot and ∂f/∂x in the y slot. On the diagonal x = y they agree, so it looks right there and nowhere else.',
    hint: 'Differentiate x² + xy + y² with respect to x only, treating y as a constant.',
  },
  'gradient-missing-factor-2': {
    name: 'Your valley gradient is missing the factor 2',
    explanation: 'Your valleyGradient returns (x + y, x + y): the derivative of x² is 2x, not x. Both partial derivatives lose the 2 that comes down from the square.',
    hint: 'What is the derivative of x²?',
  },
  'descend-ignores-gradient': {
    name: 'descend uses the valley\'s gradient instead of the one it is given',
    explanation: 'Your descend calls valleyGradient instead of its gradient argument, so it only works on the valley. descend must follow whatever gradient function it is passed.',
    hint: 'Which function do you call inside the loop: your parameter, or a fixed one?',
  },
  'descend-adds-gradient': {
    name: 'descend adds the gradient (it climbs uphill)',
    explanation: 'Your descend moves each point in the direction of the gradient, so it walks away from the minimum. Descent subtracts the gradient.',
    hint: 'Which way does the gradient point, and which way do you want to go?',
  },
  'path-missing-start': {
    name: 'descend\'s path is missing the starting point',
    explanation: 'Your path begins with the point after the first step, so it has iterations points instead of iterations + 1. path[0] must be start.',
    hint: 'What should descend return when iterations is 0?',
  },
  'descend-sequential-update': {
    name: 'descend updates x first, then takes y\'s slope at the new x',
    explanation: 'Your descend moves x, then evaluates the gradient again at the new x to move y, the same trap as seed 002\'s sequential update. That is a different algorithm: it even converges above the limit 2/3, where plain gradient descent on the valley diverges.',
    hint: 'Evaluate the gradient once per step, at the current point, and move both coordinates with it.',
  },
});

const LEARNING_RATE = entries('06-learning-rate', {
  'one-over-lambda-max': {
    name: 'Your stability limit is 1/λmax instead of 2/λmax',
    explanation: 'Your maxStableLearningRate returns 1/λmax, half the true limit. Along the steepest direction a step multiplies the error by 1 − η·λmax, which stays inside (−1, 1) up to η = 2/λmax.',
    hint: 'For which η is |1 − η·λ| < 1?',
  },
  'two-over-lambda-min': {
    name: 'You used the smallest eigenvalue instead of the largest',
    explanation: 'Your limit is 2/λmin, set by the flattest direction of the bowl. Descent blows up along the steepest direction first, so the limit is 2/λmax.',
    hint: 'Which direction of the bowl overshoots first when η grows?',
  },
  'hessian-without-factor-2': {
    name: 'Your Hessian is missing its factor 2',
    explanation: 'You took the eigenvalues of [[mean x², mean x], [mean x, 1]], but J\'s Hessian is twice that matrix. Your limit is therefore twice the true one, and descent at your rate diverges.',
    hint: 'Differentiate J twice: what factor comes down from the square?',
  },
  'diagonal-only': {
    name: 'Your stability limit uses only the curvature along m',
    explanation: 'You used 2/(2·mean x²), the curvature of J along m alone, and ignored the coupling between m and b. The steepest direction of the bowl mixes m and b, so the limit needs the largest eigenvalue of the full 2×2 Hessian.',
    hint: 'What do the off-diagonal entries of the Hessian do to its eigenvalues?',
  },
  'two-over-trace': {
    name: 'You used the trace of the Hessian instead of its largest eigenvalue',
    explanation: 'Your limit is 2/trace(H), the sum of both eigenvalues, so it is always below the true limit 2/λmax. It is safe but not the supremum the exercise asks for.',
    hint: 'The trace is λ₁ + λ₂: which of the two sets the limit?',
  },
  'least-squares-swapped': {
    name: 'leastSquares returns the slope and the intercept in each other\'s place',
    explanation: 'Your normal equations are solved correctly, but you return the intercept as m and the slope as b. The line is y = m·x + b: m is the slope.',
    hint: 'Check which value goes into which field of the line you return.',
  },
  'uncentred-wrong-denominator': {
    name: 'Your closed-form slope has the wrong denominator',
    explanation: 'Your slope divides by Σx² − (Σx)², which mixes the two textbook forms of the formula. The uncentred form is (N·Σxy − Σx·Σy) / (N·Σx² − (Σx)²): numerator and denominator need the same factor N.',
    hint: 'Derive the denominator from the normal equations, or use the centred form Σ(x − x̄)².',
  },
  'forgets-to-divide': {
    name: 'Your closed-form intercept is missing the division by N',
    explanation: 'Your slope is right, but your intercept is Σy − m·Σx instead of (Σy − m·Σx)/N. The intercept makes the line pass through the point of means (x̄, ȳ).',
    hint: 'Is your intercept a sum or a mean?',
  },
  'intercept-is-mean-y': {
    name: 'Your closed-form intercept is ȳ, without the slope\'s share',
    explanation: 'Your intercept is the mean of y, which is only right when the mean of x is 0. The best line passes through (x̄, ȳ), so b = ȳ − m·x̄.',
    hint: 'Which point does the least-squares line always pass through?',
  },
});

/** Every known mistake, in exercise order. */
export const CATALOGUE: readonly CatalogueEntry[] = [...COST, ...GRADIENT, ...STEP, ...DESCENT, ...VALLEY, ...LEARNING_RATE];

export function catalogueOf(exercise: ExerciseId): readonly CatalogueEntry[] {
  return CATALOGUE.filter((e) => e.exercise === exercise);
}

/** The variant's source file. */
export function entryFile(entry: CatalogueEntry): string {
  return join(CATALOGUE_DIR, `${entry.id}.ts`);
}
