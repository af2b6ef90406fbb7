import type { Point, Vec2 } from '../../../../../../exercises/types';
import type { Evidence } from '../../../../../mistake-space/space';
import { bowlGradient, type Bowl } from '../../../05-valley/public-checks';
import { descendWithMomentumOf, maxStableMomentumRateOf, REFERENCE } from './model';

/** One walk probe the student answered with a path. */
interface Walked {
  readonly gradient: (p: Vec2) => Vec2;
  readonly start: Vec2;
  readonly learningRate: number;
  readonly momentum: number;
  readonly iterations: number;
  readonly path: readonly Vec2[];
}

/** Two numbers the same to 1e−9 of their size. */
const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
const samePoint = (p: Vec2, q: Vec2) => same(p.x, q.x) && same(p.y, q.y);
const shown = (value: number) => String(Number(value.toPrecision(4)));
const point = (p: Vec2) => `(${shown(p.x)}, ${shown(p.y)})`;
const minus = (p: Vec2, q: Vec2): Vec2 => ({ x: p.x - q.x, y: p.y - q.y });

const isPath = (value: unknown): value is Vec2[] =>
  Array.isArray(value) &&
  value.every((p) => p && typeof p === 'object' && Number.isFinite(p.x) && Number.isFinite(p.y));

function walkedProbes(evidence: Evidence): Walked[] {
  return evidence.probes.flatMap((probe, i) => {
    const answer = evidence.answers[i];
    if (probe.request.fn !== 'descendWithMomentum' || !answer?.ok || !isPath(answer.value)) return [];
    const [spec, start, learningRate, momentum, iterations] = probe.request.args as [
      { $gradient: Bowl },
      Vec2,
      number,
      number,
      number,
    ];
    return [{ gradient: bowlGradient(spec.$gradient), start, learningRate, momentum, iterations, path: answer.value }];
  });
}

/** What the path's length and first entry show, longest walk first. */
function shapeFacts(walks: readonly Walked[]): string[] {
  const facts: string[] = [];
  const longestFirst = [...walks].sort((a, b) => b.iterations - a.iterations);
  const miscounted = longestFirst.find((w) => w.path.length !== w.iterations + 1);
  if (miscounted)
    facts.push(
      `With iterations = ${miscounted.iterations} your path has ${miscounted.path.length} point${miscounted.path.length === 1 ? '' : 's'}, not ${miscounted.iterations + 1}.`,
    );
  const aliased = longestFirst.find(
    (w) => w.iterations >= 2 && w.path.length >= 3 && w.path.every((p) => samePoint(p, w.path[0])),
  );
  if (aliased)
    facts.push(
      `With iterations = ${aliased.iterations} all ${aliased.path.length} entries of your path are the same point, ${point(aliased.path[0])}.`,
    );
  const elsewhere = longestFirst.find((w) => w.path.length >= 1 && !samePoint(w.path[0], w.start));
  if (elsewhere && !aliased)
    facts.push(`Your path[0] is ${point(elsewhere.path[0])}, not the start ${point(elsewhere.start)}.`);
  return facts;
}

/** The first step as a multiple of the plain step −η·∇f(start), when it lies along it; NaN when it does not. */
function firstStepFactor(walk: Walked): number {
  const step = minus(walk.path[1], walk.path[0]);
  const g = walk.gradient(walk.start);
  const plain = { x: -walk.learningRate * g.x, y: -walk.learningRate * g.y };
  const size = plain.x * plain.x + plain.y * plain.y;
  if (size === 0) return NaN;
  const across = Math.abs(step.x * plain.y - step.y * plain.x);
  if (across > 1e-9 * Math.max(1e-300, Math.hypot(step.x, step.y) * Math.sqrt(size))) return NaN;
  return (step.x * plain.x + step.y * plain.y) / size;
}

/**
 * Whether a walk's first step carries the last move of the walk asked just before it (the probes
 * are asked in order): a velocity kept outside the function and never reset to 0.
 */
function carriesLastCall(walks: readonly Walked[]): boolean {
  let carried = false;
  for (let i = 1; i < walks.length; i++) {
    const [before, walk] = [walks[i - 1], walks[i]];
    if (before.path.length < 2 || walk.path.length < 2 || !samePoint(walk.path[0], walk.start)) continue;
    const left = minus(before.path[before.path.length - 1], before.path[before.path.length - 2]);
    const g = walk.gradient(walk.start);
    const expected = {
      x: walk.start.x + walk.momentum * left.x - walk.learningRate * g.x,
      y: walk.start.y + walk.momentum * left.y - walk.learningRate * g.y,
    };
    if (samePoint(expected, walk.start)) continue;
    if (!samePoint(walk.path[1], expected)) return false;
    carried ||= !same(left.x, 0) || !same(left.y, 0);
  }
  return carried;
}

/** What the first steps show: a step that does not move, goes uphill, or moves by another multiple of the plain step. */
function firstStepFacts(walks: readonly Walked[]): string[] {
  const stepped = walks.filter((w) => w.path.length >= 2 && w.iterations >= 1 && samePoint(w.path[0], w.start));
  if (!stepped.length) return [];
  if (carriesLastCall(walks))
    return [
      'Your first step carries the last move of the walk asked before it: the velocity is kept from one call to the next (a variable outside the function) instead of starting at 0 in each call.',
    ];
  const factors = stepped.map(firstStepFactor);
  if (factors.some(Number.isNaN))
    return ["Your first step does not point along −∇f(start), as heavy ball's first step does."];
  if (factors.every((f) => same(f, 1))) return [];
  if (factors.every((f) => same(f, 0)))
    return [
      'Your first step does not move: path[1] is the start, as when the point moves by the velocity v₀ = 0 before the velocity is updated.',
    ];
  if (factors.every((f) => same(f, -1))) return ['Your first step goes uphill, by +η·∇f(start).'];
  if (stepped.every((w, i) => same(factors[i], 1 + w.momentum)))
    return ['Your first step is (1 + β)·η·∇f(start) downhill, not η·∇f(start): your velocity does not start at 0.'];
  if (stepped.every((w, i) => same(factors[i], 1 - w.momentum)))
    return ['Your first step is (1 − β)·η·∇f(start) downhill, not η·∇f(start).'];
  if (stepped.every((w, i) => same(factors[i], w.momentum)))
    return ['Your first step is β·η·∇f(start) downhill, not η·∇f(start).'];
  const rates = stepped.map((w, i) => factors[i] * w.learningRate);
  if (new Set(stepped.map((w) => w.learningRate)).size > 1 && rates.every((r) => same(r, rates[0])))
    return [`Your first step moves by ${shown(rates[0])}·∇f(start) whatever learningRate says.`];
  return [`Your first step is ${shown(factors[0])} times −η·∇f(start) (with η = ${shown(stepped[0].learningRate)}).`];
}

/** β′ and η′ with pₖ₊₁ − pₖ = β′·(pₖ − pₖ₋₁) − η′·∇f(q), when the step is such a combination and they are determined. */
function solveStep(before: Vec2, after: Vec2, g: Vec2): { keep: number; rate: number } | undefined {
  const det = before.x * -g.y - -g.x * before.y;
  const scale = Math.hypot(before.x, before.y) * Math.hypot(g.x, g.y);
  if (!(Math.abs(det) > 1e-6 * scale)) return undefined;
  const keep = (after.x * -g.y - -g.x * after.y) / det;
  const rate = (before.x * after.y - after.x * before.y) / det;
  return { keep, rate };
}

/** What the later steps show: each as a share of the previous move plus a multiple of the gradient, at pₖ or at the look-ahead. */
function laterStepFacts(walks: readonly Walked[]): string[] {
  const steps = walks
    .filter((w) => w.path.length === w.iterations + 1 && samePoint(w.path[0], w.start))
    .flatMap((w) =>
      w.path.slice(2).map((next, j) => {
        const [previous, current] = [w.path[j], w.path[j + 1]];
        return { walk: w, previous, current, next };
      }),
    );
  if (!steps.length) return [];
  for (const place of ['current', 'look-ahead'] as const) {
    const solved = steps.map(({ walk, previous, current, next }) => {
      const before = minus(current, previous);
      const at =
        place === 'current'
          ? current
          : { x: current.x + walk.momentum * before.x, y: current.y + walk.momentum * before.y };
      return solveStep(before, minus(next, current), walk.gradient(at));
    });
    const known = steps.flatMap((s, i) => (solved[i] ? [{ ...s, ...solved[i]! }] : []));
    if (!known.length) continue;
    const relativeRates = known.map((s) => s.rate / s.walk.learningRate);
    const consistent = relativeRates.every((r) => same(r, relativeRates[0]));
    const shares = known.map((s) => ({ keep: s.keep, beta: s.walk.momentum }));
    const keepRule = (
      [
        ['β', (b: number) => b],
        ['nothing', () => 0],
        ['all', () => 1],
        ['−β', (b: number) => -b],
        ['1 − β', (b: number) => 1 - b],
      ] as const
    ).find(([, rule]) => shares.every(({ keep, beta }) => same(keep, rule(beta))));
    if (!consistent || !keepRule) continue;
    const facts: string[] = [];
    if (place === 'look-ahead')
      facts.push(
        "Each later step uses the gradient at the look-ahead point pₖ + β·(pₖ − pₖ₋₁), as Nesterov's method does, not at pₖ.",
      );
    const [rule] = keepRule;
    if (rule === 'nothing')
      facts.push('Your later steps carry nothing of the previous move: each is a plain gradient step.');
    else if (rule !== 'β')
      facts.push(
        `Each of your later steps carries ${rule === 'all' ? 'the whole' : rule} of the previous move, where heavy ball carries β of it.`,
      );
    const relative = relativeRates[0];
    if (!same(relative, 1)) facts.push(`Your later steps take ${shown(relative)}·η·∇f, where heavy ball takes η·∇f.`);
    return facts;
  }
  return [
    'Your later steps are not a share of the previous move plus a multiple of the gradient at the point they move from (nor at the look-ahead point).',
  ];
}

/** What the limits on the designed probes show, as a multiple of the true limit. */
function limitFacts(evidence: Evidence): string[] {
  const ratios = evidence.probes.flatMap((probe, i) => {
    const answer = evidence.answers[i];
    if (probe.request.fn !== 'maxStableMomentumRate' || !answer?.ok) return [];
    const [points, momentum] = probe.request.args as [Point[], number];
    const truth = maxStableMomentumRateOf(REFERENCE, points, momentum);
    return [
      { ratio: (answer.value as number) / truth, momentum, plain: (answer.value as number) / (truth / (1 + momentum)) },
    ];
  });
  if (ratios.length < 2 || ratios.every((r) => same(r.ratio, 1))) return [];
  if (ratios.every((r) => same(r.ratio, ratios[0].ratio)))
    return [
      `Your maxStableMomentumRate is ${shown(ratios[0].ratio)} × the true limit 2(1 + β)/λmax on every designed probe.`,
    ];
  if (ratios.every((r) => same(r.plain, ratios[0].plain)))
    return [
      `Your maxStableMomentumRate is ${shown(ratios[0].plain)} × 2/λmax whatever β is: it does not grow as 1 + β.`,
    ];
  return [];
}

/**
 * What a student's answers show, in words: the path's length and first entry, the first step as a
 * multiple of the plain step −η·∇f(start), each later step as a share of the previous move plus a
 * multiple of the gradient (at pₖ, or at Nesterov's look-ahead), and the limit as a multiple of the
 * true one. Nothing about an export whose answers are the reference's.
 */
export function describeMomentum(evidence: Evidence): string[] {
  const walks = walkedProbes(evidence);
  const right = walks.every((w) => {
    const expected = descendWithMomentumOf(REFERENCE, w.gradient, w.start, w.learningRate, w.momentum, w.iterations);
    return expected.length === w.path.length && expected.every((p, i) => samePoint(p, w.path[i]));
  });
  const walkFacts = right ? [] : [...shapeFacts(walks), ...firstStepFacts(walks), ...laterStepFacts(walks)].slice(0, 3);
  return [...walkFacts, ...limitFacts(evidence)];
}
