import type fc from 'fast-check';
import type { ExerciseId } from '../exercises';
import type { CallError, CallOutcome, CallRequest } from '../door/port';
import type { CheckKind, Visibility } from '../results/model';

/** What a check concluded about one input. */
export type Verdict =
  | { readonly pass: true }
  | {
      readonly pass: false;
      readonly message: string;
      readonly expected?: unknown;
      readonly actual?: unknown;
      readonly tolerance?: number;
      readonly observedError?: number;
      readonly callError?: CallError;
    };

export type CheckInput = Readonly<Record<string, unknown>>;

/**
 * A check, declared as data: which calls to make for an input, and how to judge the answers.
 * The engine owns the inputs (seeded fast-check samples, or fixed examples), batches the calls
 * through the door, and shrinks a failing input with fast-check.
 */
export interface CheckDefinition<Input extends CheckInput = CheckInput> {
  readonly id: string;
  readonly exercise: ExerciseId;
  readonly title: string;
  readonly points: number;
  readonly visibility: Visibility;
  readonly kind: CheckKind;
  /** Random inputs; also what fast-check shrinks a failing input within. */
  readonly inputs: fc.Arbitrary<Input>;
  /** Designed inputs, checked in order instead of random ones. */
  readonly examples?: readonly Input[];
  readonly numRuns?: number;
  plan(input: Input): CallRequest[];
  verify(input: Input, answers: readonly CallOutcome[]): Verdict;
}

export const PASS: Verdict = { pass: true };

/** The first call that gave no usable answer, as a failing verdict. */
export function firstCallFailure(answers: readonly CallOutcome[]): Verdict | undefined {
  for (const answer of answers) {
    if (!answer.ok) return { pass: false, message: answer.error.message, callError: answer.error, actual: answer.error.returned };
  }
  return undefined;
}

/** Declares a check whose answers are judged only once every call answered with a value of the right shape. */
export function defineCheck<Input extends CheckInput>(
  definition: Omit<CheckDefinition<Input>, 'verify'> & { verify(input: Input, values: readonly unknown[], answers: readonly CallOutcome[]): Verdict },
): CheckDefinition<Input> {
  return {
    ...definition,
    verify(input, answers) {
      return firstCallFailure(answers) ?? definition.verify(input, answers.map((a) => (a.ok ? a.value : undefined)), answers);
    },
  };
}
