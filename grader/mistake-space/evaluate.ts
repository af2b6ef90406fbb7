import type { ExportName } from '../shipped/contract/exercises';
import { validateAnswer } from '../shipped/door/answers';
import type { CallOutcome } from '../shipped/door/port';
import type { Vec2 } from '../../exercises/types';
import type { Implementation } from './space';

type Bowl = { hessian: number[][]; center: number[] };

/** The gradient function a `{ $gradient: bowl }` argument stands for, as the door builds it in a realm. */
function quadraticGradient({ hessian: [[a, b], [d, e]], center: [cx, cy] }: Bowl): (p: Vec2) => Vec2 {
  return (p) => {
    const x = p.x - cx;
    const y = p.y - cy;
    return { x: a * x + b * y, y: d * x + e * y };
  };
}

/** Arguments as the door hands them to student code: fresh copies, gradient specs made functions. */
function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revive);
  if (value !== null && typeof value === 'object') {
    if ('$gradient' in value) return quadraticGradient((value as { $gradient: Bowl }).$gradient);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]));
  }
  return value;
}

/** A trusted model's answer to one call, classified as the door classifies a student's. */
export function evaluate(implementation: Implementation, fn: ExportName, args: readonly unknown[]): CallOutcome {
  const f = implementation[fn];
  if (!f) return { ok: false, error: { kind: 'missing-export', message: `the model has no ${fn}` } };
  try {
    return validateAnswer(structuredClone(f(...args.map(revive))), fn);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return /^not implemented/i.test(message)
      ? { ok: false, error: { kind: 'not-implemented', message } }
      : { ok: false, error: { kind: 'threw', message } };
  }
}
