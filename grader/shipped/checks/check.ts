import type fc from 'fast-check';
import type { ExerciseId } from '../contract/exercises';
import type { CallError, CallOutcome, CallRequest } from '../door/port';
import type { CheckKind, Visibility } from '../results/model';
import { memoByIdentity } from '../memo';

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

/** Decides one input from the values the calls returned and what the reference says about that input (`facts`); needs no reference itself. */
export type Judge<Input extends CheckInput = CheckInput, Facts = unknown> = (
  input: Input,
  facts: Facts,
  values: readonly unknown[],
) => Verdict;

/**
 * How a public check that needs the reference travels with the handout (grader/handout): `facts`
 * says, as plain data, what the reference knows about one input, and `judge` decides from it. The
 * handout carries the facts of the inputs the check draws with the handout's seed, and the judge as
 * code (its exercise's public-checks.ts). A public check without it needs no reference and travels whole.
 */
export interface HandoutForm<Input extends CheckInput = CheckInput, Facts = unknown> {
  facts(input: Input): Facts;
  judge(input: Input, facts: Facts, values: readonly unknown[]): Verdict;
}

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
  /**
   * `'reference'`: compares with the reference; with random inputs (no `examples`) it vouches for
   * the exports it calls. Any other check pays only when each export it calls passed a check that
   * vouches for it (grader/engine/rubric.ts), so every export a check calls needs one.
   */
  readonly kind: CheckKind;
  /** Random inputs, drawn from the run's seed; also what fast-check shrinks a failing input within. */
  readonly inputs: fc.Arbitrary<Input>;
  /** Designed inputs, checked in order instead of random ones: public once written down, so they vouch for nothing. */
  readonly examples?: readonly Input[];
  readonly numRuns?: number;
  plan(input: Input): CallRequest[];
  verify(input: Input, answers: readonly CallOutcome[]): Verdict;
  readonly handout?: HandoutForm<Input, any>;
  /**
   * A designed hard case: inputs on which a fragile but plausible method (a cancelling sum, an
   * iteration from a fixed start) is wrong while the reference is not. When it is the only check a
   * submission fails and the designed probes see nothing, the diagnosis names what it saw in these words.
   */
  readonly hardCase?: HardCaseWords;
}

/** What a hard-case check saw, in the words of a named mistake: its slug, name, explanation and hint. */
export interface HardCaseWords {
  readonly slug: string;
  readonly name: string;
  readonly explanation: string;
  readonly hint: string;
}

export const PASS: Verdict = { pass: true };

/** The first call that gave no usable answer, as a failing verdict. */
export function firstCallFailure(answers: readonly CallOutcome[]): Verdict | undefined {
  for (const answer of answers) {
    if (!answer.ok)
      return { pass: false, message: answer.error.message, callError: answer.error, actual: answer.error.returned };
  }
  return undefined;
}

/**
 * Declares a check whose answers are judged only once every call answered with a value of the
 * right shape. Its plan for an input is made once, so the arguments' encoding is reused too.
 */
export function defineCheck<Input extends CheckInput>(
  definition: Omit<CheckDefinition<Input>, 'verify'> & {
    verify(input: Input, values: readonly unknown[], answers: readonly CallOutcome[]): Verdict;
  },
): CheckDefinition<Input> {
  return {
    ...definition,
    plan: memoByIdentity(definition.plan),
    verify(input, answers) {
      return (
        firstCallFailure(answers) ??
        definition.verify(
          input,
          answers.map((a) => (a.ok ? a.value : undefined)),
          answers,
        )
      );
    },
  };
}
