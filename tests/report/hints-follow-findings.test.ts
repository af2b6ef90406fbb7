import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Gradient, Line, Point } from '../../exercises/types';
import type { Verdict } from '../../grader/shipped/checks/check';
import * as gen from '../../grader/shipped/checks/arbitraries';
import { gradientChecks } from '../../grader/shipped/exercises/02-gradient/grading/checks';
import { stepChecks } from '../../grader/shipped/exercises/03-step/grading/checks';
import { computeGradient } from '../../solutions/02-gradient/gradient';
import { maxStableLearningRate } from '../../solutions/06-learning-rate/learning-rate';

/**
 * A check's message says what was measured, and its hint points only at what was found wrong:
 * "check the sign" only when a sign is what is wrong, never to a student whose signs are right.
 */

const uphill = gradientChecks.find((c) => c.id === '02-gradient/points-uphill')!;
const lowersCost = stepChecks.find((c) => c.id === '03-step/lowers-cost-below-limit')!;

function judgeGradient(points: Point[], line: Line, answer: Gradient): Verdict {
  return uphill.verify({ points, line }, [{ ok: true, value: answer }]);
}

function messageOf(verdict: Verdict): string {
  if (verdict.pass) throw new Error('expected the check to fail');
  return verdict.message;
}

/** What a student's partial derivative may be, made from the true one. */
type Slip = { kind: 'right' } | { kind: 'negated' } | { kind: 'scaled'; by: number };
const slip: fc.Arbitrary<Slip> = fc.oneof(
  fc.constant<Slip>({ kind: 'right' }),
  fc.constant<Slip>({ kind: 'negated' }),
  fc.constantFrom(-3, -0.5, -0.25, 0.5, 2, 3).map((by): Slip => ({ kind: 'scaled', by })),
);
const applied = (s: Slip, v: number) => (s.kind === 'right' ? v : s.kind === 'negated' ? -v : s.by * v);

describe('02-gradient’s “points uphill” check', () => {
  const points: Point[] = [
    { x: 1, y: 2 },
    { x: 2, y: -1 },
    { x: 4, y: 3 },
  ];
  const line: Line = { m: 0.5, b: 1 };
  const slope = computeGradient(points, line);

  it('names the sign, and only the sign, when the gradient is the true one negated', () => {
    const message = messageOf(judgeGradient(points, line, { dm: -slope.dm, db: -slope.db }));
    expect(message).toContain('Check the sign of dm (∂J/∂m) and db (∂J/∂b)');
    expect(message).not.toMatch(/more than a sign/i);
  });

  it('never tells a student whose sign is right to check the sign: dm built with y in place of x', () => {
    const n = points.length;
    const withY = (-2 / n) * points.reduce((s, p) => s + p.y * (p.y - (line.m * p.x + line.b)), 0);
    expect(Math.sign(withY)).not.toBe(Math.sign(slope.dm));
    const message = messageOf(judgeGradient(points, line, { dm: withY, db: slope.db }));
    expect(message).not.toMatch(/check the sign/i);
    expect(message).toContain('db (∂J/∂b) is right');
    expect(message).toContain('More than a sign is wrong in dm (∂J/∂m): check what multiplies each residual there');
  });

  it('on any input and any mix of slips, points at a sign only where a sign was found wrong, and at a size only where a size was', () => {
    fc.assert(
      fc.property(gen.points(1, 8), gen.line, slip, slip, (ps, l, onDm, onDb) => {
        const truth = computeGradient(ps, l);
        if (Math.abs(truth.dm) + Math.abs(truth.db) <= 1e-9) return;
        const verdict = judgeGradient(ps, l, { dm: applied(onDm, truth.dm), db: applied(onDb, truth.db) });
        if (verdict.pass) return;
        const hint = verdict.message.split('. ').slice(1).join('. ');
        const someSignOnly = [
          [onDm, truth.dm],
          [onDb, truth.db],
        ].some(([s, v]) => (s as Slip).kind === 'negated' && v !== 0);
        expect(/check the sign/i.test(hint), verdict.message).toBe(someSignOnly);
        for (const [name, s, v] of [
          ['dm (∂J/∂m)', onDm, truth.dm],
          ['db (∂J/∂b)', onDb, truth.db],
        ] as const) {
          const signRight = s.kind === 'right' || (s.kind === 'scaled' && s.by > 0) || v === 0;
          const onlySign = s.kind === 'negated' && v !== 0;
          if (signRight) expect(hint, verdict.message).not.toMatch(new RegExp(`sign of [^:]*${escape(name)}`));
          if (onlySign) expect(hint, verdict.message).not.toMatch(new RegExp(`wrong in [^:]*${escape(name)}`));
        }
      }),
      { seed: 16, numRuns: 300 },
    );
  });
});

describe('03-step’s hidden “never raises the cost” check', () => {
  const points: Point[] = [
    { x: 1, y: 2 },
    { x: 2, y: -1 },
    { x: 4, y: 3 },
    { x: 5, y: 7 },
  ];
  const line: Line = { m: 0.5, b: 1 };
  const learningRate = 0.9 * maxStableLearningRate(points);
  const g = computeGradient(points, line);
  const judge = (move: number) =>
    messageOf(
      lowersCost.verify({ points, line, learningRate }, [
        { ok: true, value: { m: line.m - move * learningRate * g.dm, b: line.b - move * learningRate * g.db } },
      ]),
    );

  it('says a step that went downhill too far overshoots, and does not call it uphill', () => {
    const message = judge(3);
    expect(message).toContain('your move goes downhill, but 3× as far as −η·∇J');
    expect(message).not.toContain('uphill');
  });

  it('says a step against −η·∇J went uphill', () => {
    expect(judge(-1)).toContain('the step went uphill');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
