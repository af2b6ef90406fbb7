import type { Vec2 } from '../../../../../../exercises/types';
import type { Evidence } from '../../../../../mistake-space/space';
import { bowlGradient, type Bowl } from '../../public-checks';
import { descendOf, REFERENCE, valleyGradientOf } from './model';

/** One descend probe the student answered with a path. */
interface Walked {
  readonly gradient: (p: Vec2) => Vec2;
  readonly onValley: boolean;
  readonly start: Vec2;
  readonly learningRate: number;
  readonly iterations: number;
  readonly path: readonly Vec2[];
}

/** Two numbers the same to 1e−9 of their size. */
const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
const samePoint = (p: Vec2, q: Vec2) => same(p.x, q.x) && same(p.y, q.y);
const shown = (value: number) => String(Number(value.toPrecision(6)));
const point = (p: Vec2) => `(${shown(p.x)}, ${shown(p.y)})`;
const list = (values: readonly number[]) =>
  values.length < 2
    ? values.map(shown).join('')
    : `${values.slice(0, -1).map(shown).join(', ')} and ${shown(values[values.length - 1])}`;

const isPath = (value: unknown): value is Vec2[] =>
  Array.isArray(value) &&
  value.every((p) => p && typeof p === 'object' && Number.isFinite(p.x) && Number.isFinite(p.y));

function walkedProbes(evidence: Evidence): Walked[] {
  return evidence.probes.flatMap((probe, i) => {
    const answer = evidence.answers[i];
    const [spec, start, learningRate, iterations] = probe.request.args as [{ $gradient: Bowl }, Vec2, number, number];
    if (probe.request.fn !== 'descend' || !answer?.ok || !isPath(answer.value)) return [];
    const bowl = spec.$gradient;
    const onValley =
      JSON.stringify(bowl) ===
      JSON.stringify({
        hessian: [
          [2, 1],
          [1, 2],
        ],
        center: [0, 0],
      });
    return [{ gradient: bowlGradient(bowl), onValley, start, learningRate, iterations, path: answer.value }];
  });
}

/** A step of a walk: where it went from, where to, and the probe it belongs to. */
interface Step {
  readonly walk: Walked;
  readonly k: number;
  readonly from: Vec2;
  readonly to: Vec2;
  readonly points: readonly Vec2[];
}

/**
 * A walk's points as far as its path shows them, the start first: the path itself (from whatever
 * point it starts); the path with the start put back in front when it is one point short and does
 * not begin at the start; the path without its first entry when the start is in it twice; the path
 * without a last entry that was never written. Undefined when its entries are one shared point
 * (all of them, all after the first, or the first and the last), which show no steps.
 */
function pointsOf(walk: Walked): readonly Vec2[] | undefined {
  const { start, iterations } = walk;
  const path = endsUnset(walk) ? walk.path.slice(0, -1) : walk.path;
  if (!path.length || (path.length >= 2 && allSame(path))) return undefined;
  if (path.length >= 3 && allSame(path.slice(1))) return undefined;
  if (!samePoint(path[0], start)) {
    if (path.length >= 2 && samePoint(path[0], path[path.length - 1])) return undefined;
    return walk.path.length === iterations ? [start, ...path] : path;
  }
  return path.length >= 2 && samePoint(path[1], start) ? path.slice(1) : path;
}

/** The steps every walk's points show. */
function stepsOf(walks: readonly Walked[]): Step[] {
  return walks.flatMap((walk) => {
    const points = pointsOf(walk);
    return points ? points.slice(1).map((to, k) => ({ walk, k, from: points[k], to, points })) : [];
  });
}

const ORIGIN: Vec2 = { x: 0, y: 0 };
/** A path whose last entry is exactly (0, 0) where the one before is not: a slot never written. */
const endsUnset = ({ path }: Walked) =>
  path.length >= 2 &&
  path[path.length - 1].x === 0 &&
  path[path.length - 1].y === 0 &&
  !samePoint(path[path.length - 2], ORIGIN);

const allSame = (points: readonly Vec2[]) => points.every((p) => samePoint(p, points[0]));

/** Where a step's gradient may have been taken, in the order they are tried. */
const PLACES = [
  { id: 'current', at: (s: Step) => s.walk.gradient(s.from) },
  { id: 'start', at: (s: Step) => s.walk.gradient(s.points[0]) },
  { id: 'previous', at: (s: Step) => s.walk.gradient(s.points[Math.max(0, s.k - 1)]) },
  { id: 'valley', at: (s: Step) => valleyGradientOf(REFERENCE, s.from) },
] as const;

/** The rate a step used along a direction, when it moved along it; undefined when it moved across it. */
function rateAlong(step: Step, direction: Vec2): number | undefined {
  const move = { x: step.to.x - step.from.x, y: step.to.y - step.from.y };
  const size = direction.x * direction.x + direction.y * direction.y;
  if (size === 0) return same(move.x, 0) && same(move.y, 0) ? NaN : undefined;
  const across = Math.abs(move.x * direction.y - move.y * direction.x);
  if (across > 1e-9 * Math.max(1, Math.hypot(move.x, move.y) * Math.sqrt(size))) return undefined;
  return -(move.x * direction.x + move.y * direction.y) / size;
}

/** The rule the effective rates follow, in words, or undefined when they follow learningRate itself. */
function rateRule(steps: readonly Step[], rates: readonly number[]): string | undefined {
  const given = steps.map((s) => s.walk.learningRate);
  const relative = rates.map((r, i) => r / given[i]);
  const rule = (holds: (i: number) => boolean) => relative.every((_, i) => Number.isNaN(rates[i]) || holds(i));
  const distinctGiven = [...new Set(given)];
  if (rule((i) => same(relative[i], 1))) return undefined;
  if (rule((i) => same(relative[i], -1)))
    return 'Your steps go uphill: each moves along +learningRate·∇f, away from the minimum.';
  const first = rates.find((r) => !Number.isNaN(r))!;
  if (distinctGiven.length > 1 && rule((i) => same(rates[i], first)))
    return `Your steps use η = ${shown(first)} whatever learningRate says (the probes passed ${list(distinctGiven)}).`;
  if (rule((i) => same(relative[i], 1 / (steps[i].k + 1))))
    return 'Your steps shrink as learningRate/(k + 1): the first uses learningRate, the second half of it, the third a third.';
  if (rule((i) => same(rates[i], 1 / given[i])))
    return 'Your steps use 1/learningRate as their rate: the smaller learningRate, the longer the step.';
  const second = steps.findIndex((s, i) => s.k === 1 && !Number.isNaN(rates[i]));
  if (second >= 0) {
    const factor = relative[second];
    if (rule((i) => same(relative[i], factor ** steps[i].k)))
      return `Your rate is multiplied by ${shown(factor)} after each step (learningRate·${shown(factor)}ᵏ at step k).`;
  }
  const firstRelative = relative.find((r) => !Number.isNaN(r))!;
  if (rule((i) => same(relative[i], firstRelative)))
    return `Your steps are ${shown(firstRelative)} times learningRate·∇f.`;
  const firstWalk = relative.filter((r, i) => steps[i].walk === steps[0].walk && !Number.isNaN(r));
  return `Your steps' rates, as multiples of learningRate, were ${list(firstWalk)} on one walk.`;
}

const WHERE: Record<(typeof PLACES)[number]['id'], string | undefined> = {
  current: undefined,
  start: 'Every step uses the gradient at the start point, not at the point it moves from.',
  previous: 'From the second step on, each step uses the gradient of the point before the one it moves from.',
  valley: "On bowls other than the valley your steps follow the valley's own gradient, not the gradient passed in.",
};

/**
 * Whether one coordinate at a time explains every step, whatever rate it used: x moves first and
 * y's slope is taken at the new x, or the other way round. The order in words, then the rates'
 * rule when they are not learningRate.
 */
function sequentialOrder(steps: readonly Step[]): string[] | undefined {
  for (const first of ['x', 'y'] as const) {
    const second = first === 'x' ? 'y' : 'x';
    const rates = steps.map(({ walk, from, to }) => {
      const rate = -(to[first] - from[first]) / walk.gradient(from)[first];
      const between = { ...from, [first]: to[first] };
      const moved = same(to[second], from[second] - rate * walk.gradient(between)[second]);
      return Number.isFinite(rate) && moved && !same(from[first], to[first]) ? rate : undefined;
    });
    if (rates.some((r) => r === undefined)) continue;
    const order =
      first === 'x'
        ? "y's gradient is taken after x has moved: x moves first, then y with the slope at the new x."
        : "x's gradient is taken after y has moved: y moves first, then x with the slope at the new y.";
    const rule = rateRule(steps, rates as number[]);
    return rule ? [order, rule] : [order];
  }
  return undefined;
}

type Axis = 'x' | 'y';
const other = (axis: Axis): Axis => (axis === 'x' ? 'y' : 'x');

/** How one coordinate's moves can be explained, each with what it says when it is not the right one. */
const MOVES: readonly {
  readonly holds: (s: Step, axis: Axis) => boolean;
  /** What it says of one coordinate, and of both when both move so. */
  readonly says?: (axis: Axis) => string;
  readonly saysOfBoth?: string;
}[] = [
  { holds: ({ walk, from, to }, a) => same(to[a], from[a] - walk.learningRate * walk.gradient(from)[a]) },
  {
    holds: ({ from, to }, a) => same(to[a], from[a]),
    says: (a) => `${a} never moves.`,
  },
  {
    holds: ({ walk, from, to }, a) => same(to[a], from[a] + walk.learningRate * walk.gradient(from)[a]),
    says: (a) => `${a} moves uphill, by +learningRate·∂f/∂${a}.`,
  },
  {
    holds: ({ walk, from, to }, a) => same(to[a], walk.learningRate * walk.gradient(from)[a] - from[a]),
    says: (a) => `Each new ${a} is learningRate·∂f/∂${a} minus the old ${a}: the difference is the wrong way round.`,
  },
  {
    holds: ({ walk, from, to }, a) => same(to[a], from[a] - walk.learningRate),
    says: (a) => `${a} moves by learningRate alone, whatever its slope.`,
  },
  {
    holds: ({ walk, from, to }, a) => same(to[a], -walk.learningRate * walk.gradient(from)[a]),
    says: (a) => `Each new ${a} is the move −learningRate·∂f/∂${a} alone, without the old ${a}.`,
  },
  {
    holds: ({ walk, from, to }, a) => same(to[a], from[a] - walk.learningRate * walk.gradient(from)[other(a)]),
    says: (a) => `${a} moves by learningRate·∂f/∂${other(a)} instead of ∂f/∂${a}.`,
    saysOfBoth: "Each coordinate moves by the other one's partial derivative: x by ∂f/∂y, y by ∂f/∂x.",
  },
  {
    holds: ({ walk, from, to }, a) => same(to[other(a)], from[a] - walk.learningRate * walk.gradient(from)[a]),
    says: (a) => `The new ${a} is stored in ${other(a)}.`,
    saysOfBoth: 'Each new point has its x and y swapped: the new x is stored in y and the new y in x.',
  },
  {
    holds: ({ walk, from, to }, a) => same(to[a], from[a] - walk.gradient(from)[a]),
    says: (a) => `${a} moves by the whole ∂f/∂${a}, without learningRate.`,
  },
  {
    holds: ({ walk, from, to }, a) => same(to[a], from[other(a)] - walk.learningRate * walk.gradient(from)[a]),
    says: (a) => `Each new ${a} is computed from the old ${other(a)}.`,
  },
  {
    holds: ({ walk, from, to, points }, a) => same(to[a], points[0][a] - walk.learningRate * walk.gradient(from)[a]),
    says: (a) => `Each new ${a} is computed from the start's ${a}, not from the point reached so far.`,
    saysOfBoth: 'Every step is taken from the start point, not from the point reached so far.',
  },
];

/** A rate fixed for one coordinate, the same on every step whatever learningRate was, in words. */
function fixedRateOf(steps: readonly Step[], axis: Axis): string | undefined {
  const rates = steps.map(({ walk, from, to }) => -(to[axis] - from[axis]) / walk.gradient(from)[axis]);
  const given = new Set(steps.map((s) => s.walk.learningRate));
  const first = rates[0];
  return given.size > 1 && Number.isFinite(first) && first > 0 && rates.every((r) => same(r, first))
    ? `${axis} moves with η = ${shown(first)} whatever learningRate says.`
    : undefined;
}

/** What each coordinate's moves show on their own, when the steps do not follow the gradient as a whole. */
function coordinateFacts(steps: readonly Step[]): string[] {
  const explained = (['x', 'y'] as const).map((axis) => MOVES.find((m) => steps.every((s) => m.holds(s, axis))));
  if (explained[0] === explained[1] && explained[0]?.saysOfBoth) return [explained[0].saysOfBoth];
  const facts = explained.map((move, i) => {
    const axis = i === 0 ? 'x' : 'y';
    return move ? move.says?.(axis) : fixedRateOf(steps, axis);
  });
  if (facts.some((fact) => fact)) return facts.filter((fact): fact is string => !!fact);
  return [
    'Your steps do not point along the gradient at the point they move from, nor at the start, nor one step late.',
  ];
}

function stepFacts(walks: readonly Walked[]): string[] {
  const steps = stepsOf(walks);
  if (!steps.length) return [];
  for (const place of PLACES) {
    if (place.id === 'valley' && walks.every((w) => w.onValley)) continue;
    const rates = steps.map((s) => rateAlong(s, place.at(s)));
    if (rates.some((r) => r === undefined)) continue;
    const known = rates as number[];
    if (known.every(Number.isNaN)) continue;
    return [WHERE[place.id], rateRule(steps, known)].filter((fact): fact is string => !!fact);
  }
  return sequentialOrder(steps) ?? coordinateFacts(steps);
}

function shapeFacts(walks: readonly Walked[]): string[] {
  const facts: string[] = [];
  const longestFirst = [...walks].sort((a, b) => b.iterations - a.iterations);
  const miscounted = longestFirst.find((w) => w.path.length !== w.iterations + 1);
  if (miscounted)
    facts.push(
      `With iterations = ${miscounted.iterations} your path has ${miscounted.path.length} point${miscounted.path.length === 1 ? '' : 's'}, not ${miscounted.iterations + 1}.`,
    );
  const walked = longestFirst.filter((w) => w.iterations >= 1 && w.path.length >= 2);
  const longest = walked.filter((w) => w.iterations >= 2);
  const aliased = (longest.length ? longest : walked).find((w) => allSame(w.path));
  if (aliased) {
    const only = aliased.path[0];
    facts.push(
      samePoint(only, aliased.start)
        ? `With iterations = ${aliased.iterations} every entry of your path is the start ${point(only)}: the path never moves.`
        : `With iterations = ${aliased.iterations} all ${aliased.path.length} entries of your path are the same point, ${point(only)}, which is not the start ${point(aliased.start)}: the walk moved, but every entry shows one point.`,
    );
    return facts;
  }
  const tail = longestFirst.find(
    (w) => w.iterations >= 2 && w.path.length >= 3 && samePoint(w.path[0], w.start) && allSame(w.path.slice(1)),
  );
  if (tail)
    facts.push(
      `With iterations = ${tail.iterations} every entry of your path after the start is the same point, ${point(tail.path[1])}.`,
    );
  const unset = longestFirst.find((w) => w.iterations >= 1 && endsUnset(w));
  if (unset)
    facts.push(
      `With iterations = ${unset.iterations} the last entry of your path is (0, 0), which the walk never reached.`,
    );
  const twice = longestFirst.find(
    (w) => w.iterations >= 2 && w.path.length >= 3 && samePoint(w.path[0], w.start) && samePoint(w.path[1], w.start),
  );
  if (twice) facts.push(`Your path holds the start twice: path[0] and path[1] are both ${point(twice.start)}.`);
  const elsewhere = longestFirst.find((w) => w.iterations >= 2 && w.path.length >= 2 && !samePoint(w.path[0], w.start));
  if (elsewhere) {
    const [first, last] = [elsewhere.path[0], elsewhere.path[elsewhere.path.length - 1]];
    facts.push(
      samePoint(first, last)
        ? `Your path[0] is ${point(first)}, the same point as its last entry, not the start ${point(elsewhere.start)}.`
        : `Your path[0] is ${point(first)}, not the start ${point(elsewhere.start)}.`,
    );
  }
  return facts;
}

/**
 * What a student's descend answers show, in words: how many points the path holds, whether its
 * entries are one point, where each step's gradient was taken, and the rate each step used
 * relative to learningRate. Nothing when every descend answer is the reference's.
 */
export function describeValley(evidence: Evidence): string[] {
  const walks = walkedProbes(evidence);
  const right = walks.every((w) => {
    const expected = descendOf(REFERENCE, w.gradient, w.start, w.learningRate, w.iterations);
    return expected.length === w.path.length && expected.every((p, i) => samePoint(p, w.path[i]));
  });
  if (right) return [];
  return [...shapeFacts(walks), ...stepFacts(walks)].slice(0, 3);
}
