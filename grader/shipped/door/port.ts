import type { ExerciseId, ExportName } from '../contract/exercises';
import type { World } from './submission-realms';

/** One call into a submission: "call export `fn` of `exercise` with these arguments". */
export interface CallRequest {
  readonly exercise: ExerciseId;
  readonly fn: ExportName;
  /** JSON-serialisable values; `{ $gradient: { hessian, center } }` becomes a gradient function inside the realm, `{ $order: { permutations } }` 10's `order(epoch)`. */
  readonly args: readonly unknown[];
  readonly world?: World;
  /**
   * The call answers a hidden check: it runs in realms of its own, so nothing a hidden input gives
   * the student's code (kept in a module variable, say) can reach a call whose answer, message or
   * plot the student sees.
   */
  readonly hidden?: boolean;
  /** Ask for the arguments back as the call left them (`CallOutcome.argumentsAfter`), to check purity. */
  readonly observeArguments?: boolean;
  /** Distinguishes deliberate repeats of the same call, which the engine would otherwise answer once. */
  readonly repeat?: number;
}

/** Why a call gave no usable answer. */
export type CallErrorKind =
  | 'not-implemented'
  | 'threw'
  | 'timeout'
  | 'wrong-type'
  | 'not-finite'
  | 'missing-export'
  | 'missing-file'
  | 'load-failed'
  | 'crashed';

export interface CallError {
  readonly kind: CallErrorKind;
  /** Says what happened, for the student: the likely reason and what to try next. */
  readonly message: string;
  /** What the function returned, when it returned something of the wrong shape (NaN stays NaN). */
  readonly returned?: unknown;
}

export type CallOutcome =
  | { readonly ok: true; readonly value: unknown; readonly argumentsAfter?: readonly unknown[] }
  | { readonly ok: false; readonly error: CallError };

/** How an exercise file fared when it was read, compiled and imported (`type-error`: the handout's type check stopped it first). */
export interface ModuleStatus {
  readonly exercise: ExerciseId;
  readonly state: 'loaded' | 'missing' | 'unreadable' | 'syntax-error' | 'import-failed' | 'type-error';
  readonly message?: string;
  readonly exportedFunctions?: readonly string[];
}

/** An isolation layer of the sandbox, and whether it was on for this run. */
export interface IsolationLayer {
  readonly name: string;
  readonly active: boolean;
  readonly detail: string;
}

/**
 * The one door between the trusted grader and a submission. Checks reach student code only
 * through it; every answer is validated plain data, and every failure is a classified error.
 */
export interface SubmissionPort {
  readonly isolation: readonly IsolationLayer[];
  modules(): Promise<readonly ModuleStatus[]>;
  callMany(requests: readonly CallRequest[]): Promise<CallOutcome[]>;
  close(): Promise<void>;
}
