import type fc from 'fast-check';
import type { CallOutcome, CallRequest } from '../door/port';
import type { World } from '../door/submission-realms';
import type { ExerciseId, ExportName } from '../contract/exercises';
import { encodeWire } from '../wire/wire';
import type { CheckKind, Visibility } from '../results/model';
import {
  defineCheck,
  PASS,
  type CheckDefinition,
  type CheckInput,
  type HardCaseWords,
  type HandoutForm,
  type Judge,
  type Verdict,
} from './check';

interface CommonSpec<I extends CheckInput> {
  readonly id: string;
  readonly exercise: ExerciseId;
  readonly title: string;
  readonly points: number;
  readonly visibility: Visibility;
  readonly inputs: fc.Arbitrary<I>;
  readonly examples?: readonly I[];
  readonly numRuns?: number;
  readonly hardCase?: HardCaseWords;
}

/** A check that calls one export once per input and compares the answer with the reference's. */
export function matchesReference<I extends CheckInput, A>(
  spec: CommonSpec<I> & {
    fn: ExportName;
    world?: World;
    args(input: I): unknown[];
    compare(actual: A, input: I): Verdict;
  },
): CheckDefinition<I> {
  return defineCheck<I>({
    ...spec,
    id: `${spec.exercise}/${spec.id}`,
    kind: 'reference',
    plan: (input) => [{ exercise: spec.exercise, fn: spec.fn, args: spec.args(input), world: spec.world }],
    verify: (input, [actual]) => spec.compare(actual as A, input),
  });
}

/**
 * A check of a property: the calls it makes, and what must hold between their answers. `handout`
 * is for a public property whose `holds` asks the reference about the student's own answer, so
 * that the handout judges it from facts instead.
 */
export function holdsProperty<I extends CheckInput>(
  spec: CommonSpec<I> & {
    calls(input: I): CallRequest[];
    holds(input: I, values: readonly unknown[]): Verdict;
    handout?: HandoutForm<I, any>;
  },
): CheckDefinition<I> {
  return defineCheck<I>({
    ...spec,
    id: `${spec.exercise}/${spec.id}`,
    kind: 'property',
    plan: spec.calls,
    verify: spec.holds,
  });
}

/**
 * A check whose verdict needs what only the reference knows: `facts` computes that for one input,
 * as plain data, and `judge` (in the exercise's public-checks.ts, no reference) decides. The grader calls both
 * on every input; the handout carries the facts of the inputs drawn with the handout's seed.
 */
export function judgedCheck<I extends CheckInput, F>(
  spec: CommonSpec<I> & { kind: CheckKind; calls(input: I): CallRequest[]; facts(input: I): F; judge: Judge<I, F> },
): CheckDefinition<I> {
  const { facts, judge } = spec;
  return defineCheck<I>({
    ...spec,
    id: `${spec.exercise}/${spec.id}`,
    plan: spec.calls,
    verify: (input, values) => judge(input, facts(input), values),
    handout: { facts, judge },
  });
}

/**
 * Purity: a call leaves its arguments exactly as it found them, and the same call twice gives
 * the same answer (docs/grading-notes.md, "Properties that need no reference").
 */
export function isPure<I extends CheckInput>(
  spec: CommonSpec<I> & {
    fn: ExportName;
    args(input: I): unknown[];
    /**
     * The arguments compared after the call, by position (default: all), or the parts of them
     * compared, as a view of the arguments; a function argument, or a function inside one, cannot be.
     */
    compared?: readonly number[] | ((args: readonly unknown[]) => unknown[]);
  },
): CheckDefinition<I> {
  return defineCheck<I>({
    ...spec,
    id: `${spec.exercise}/${spec.id}`,
    kind: 'property',
    plan: (input) => {
      const request: CallRequest = { exercise: spec.exercise, fn: spec.fn, args: spec.args(input) };
      return [
        { ...request, observeArguments: true },
        { ...request, repeat: 1 },
      ];
    },
    verify: (input, [first, second], answers: readonly CallOutcome[]) => {
      const { compared } = spec;
      const only = (values: readonly unknown[]) =>
        typeof compared === 'function' ? compared(values) : compared ? compared.map((i) => values[i]) : values;
      const args = only(spec.args(input));
      const after = answers[0].ok ? answers[0].argumentsAfter : undefined;
      if (after && encodeWire(only(after)) !== encodeWire(args)) {
        return {
          pass: false,
          message: `${spec.fn} changed its arguments: build new objects and arrays instead of modifying the ones you are given.`,
          expected: args,
          actual: only(after),
        };
      }
      if (encodeWire(first) !== encodeWire(second)) {
        return {
          pass: false,
          message: `${spec.fn} gave two different answers to the same call: does it keep state between calls (a variable outside the function)?`,
          expected: first,
          actual: second,
        };
      }
      return PASS;
    },
  });
}
