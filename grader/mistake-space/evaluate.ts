import type { ExportName } from '../shipped/contract/exercises';
import { validateAnswer } from '../shipped/door/answers';
import type { CallOutcome } from '../shipped/door/port';
import { bowlGradient, type Bowl } from '../shipped/exercises/05-valley/public-checks';
import { epochOrder, type EpochOrder } from '../shipped/exercises/10-mini-batch/public-checks';
import type { Implementation } from './space';

/** Arguments as the door hands them to student code: fresh copies, gradient specs and epoch orders made functions. */
function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revive);
  if (value !== null && typeof value === 'object') {
    if ('$gradient' in value) return bowlGradient((value as { $gradient: Bowl }).$gradient);
    if ('$order' in value) return epochOrder((value as { $order: EpochOrder }).$order);
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
