/**
 * What the handout knows about an exercise, as data: its public checks (the facts the reference gave
 * for their inputs, or only their identity when they travel as code), the diagnosis probes, and every
 * catalogued mistake's answers on them with the tolerances needed to match. Written by grader/handout
 * (one JSON file per exercise under the kit's `public/` folder) and read by the student runner.
 */
import type { CallErrorKind, CallRequest } from '../door/port';
import type { ExerciseId } from '../contract/exercises';
import type { CheckKind } from '../results/model';

export const MANIFEST_FORMAT = 2;

export interface ExerciseManifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly exercise: ExerciseId;
  /** The run seed of the public checks: the handout's own (`HANDOUT_SEED`); the grader draws the same inputs from it, and grades with a fresh one. */
  readonly seed: number;
  readonly checks: readonly PublicCheck[];
  readonly hidden: { readonly checks: number; readonly points: number };
  readonly probes: readonly Probe[];
  readonly reference: readonly ProbeAnswer[];
  readonly mistakes: readonly MistakeSignature[];
}

interface PublicCheckBase {
  readonly id: string;
  readonly title: string;
  readonly points: number;
  readonly kind: CheckKind;
}

/** A check that needs no reference: its code is in the kit (its exercise's public-checks.ts). */
export interface CodeCheck extends PublicCheckBase {
  readonly travels: 'code';
  /** The inputs fast-check draws for it with the manifest's seed, in its order: tried as stored, and drawn again (to shrink) only when one fails. */
  readonly inputs: readonly Readonly<Record<string, unknown>>[];
}

/** A check that needs the reference: its inputs, the calls each makes, and the reference's facts about each. */
export interface FactsCheck extends PublicCheckBase {
  readonly travels: 'facts';
  /** Whether its inputs are drawn from the seed (a property's); designed examples are the same for every seed. */
  readonly drawn: boolean;
  readonly cases: readonly FrozenCase[];
}

export type PublicCheck = CodeCheck | FactsCheck;

export interface FrozenCase {
  readonly input: Readonly<Record<string, unknown>>;
  readonly calls: readonly CallRequest[];
  readonly facts: unknown;
}

export interface Probe {
  readonly label: string;
  readonly request: CallRequest;
}

/** A known program's answer to a probe: a value with the tolerance of each of its numbers (same shape), or the kind of failure. */
export type ProbeAnswer =
  | { readonly ok: true; readonly value: unknown; readonly tolerance: unknown }
  | { readonly ok: false; readonly kind: CallErrorKind };

export interface MistakeSignature {
  readonly id: string;
  readonly name: string;
  readonly explanation: string;
  readonly hint: string;
  readonly answers: readonly ProbeAnswer[];
}

/** What the whole kit holds, for the summary line: per exercise, the public and hidden checks and their points. */
export interface KitSummary {
  readonly format: typeof MANIFEST_FORMAT;
  readonly seed: number;
  readonly graderVersion: string;
  readonly exercises: readonly {
    readonly exercise: ExerciseId;
    readonly publicChecks: number;
    readonly publicPoints: number;
    readonly hiddenChecks: number;
    readonly hiddenPoints: number;
  }[];
}

/** JSON that keeps NaN, ±Infinity and −0 (tagged as `{ "$num": "NaN" }`, as the wire format does). */
export function encodeManifest(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))
      ? { $num: Number.isNaN(v) ? 'NaN' : Object.is(v, -0) ? '-0' : v > 0 ? 'Infinity' : '-Infinity' }
      : v,
  );
}

const SPECIAL: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 };

/** Reads what encodeManifest wrote. Most files hold no tagged number, so they skip the walk that revives them. */
export function decodeManifest<T>(text: string): T {
  const value: unknown = JSON.parse(text);
  return (text.includes('"$num"') ? revive(value) : value) as T;
}

function revive(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const revived = revive(value[i]);
      if (revived !== value[i]) value[i] = revived;
    }
    return value;
  }
  const record = value as Record<string, unknown>;
  const tagged = record.$num;
  if (typeof tagged === 'string' && tagged in SPECIAL && Object.keys(record).length === 1) return SPECIAL[tagged];
  for (const key of Object.keys(record)) {
    const revived = revive(record[key]);
    if (revived !== record[key])
      Object.defineProperty(record, key, { value: revived, writable: true, enumerable: true, configurable: true });
  }
  return record;
}
