import type { ExerciseId, ExportName } from '../shipped/contract/exercises';
import type { CallOutcome } from '../shipped/door/port';
import type { Probe } from '../probes/probe';

/** What a student reads about a mistake: what they understand, what went wrong and why, and where to look. */
export interface SlipText {
  /** What a student understands: "Your dm multiplies the residual by y, not x". */
  readonly name: string;
  /** What the code computes, and why that is wrong. */
  readonly explanation: string;
  /** Where to look, without handing over the code. */
  readonly hint: string;
}

/** An exercise's functions as a mistake model computes them: trusted, in-process, one per export it answers. */
export type Implementation = Partial<Record<ExportName, (...args: any[]) => unknown>>;

/** What the student's code answered on the designed probes. */
export interface Evidence {
  readonly probes: readonly Probe[];
  readonly answers: readonly CallOutcome[];
}

/**
 * One operator applied to one place of an exercise's mathematics or algorithm: a sign flipped, a
 * factor dropped, a variable in place of another, the loop's range, the update order, what is
 * returned. A slip changes one knob of the exercise's model; two slips of different knobs compose
 * into a mistake of two parts, explained from its parts.
 */
export interface Slip<C> {
  /** Unique within the exercise. A slip that is a catalogue entry keeps its slug (`missing-factor-2`). */
  readonly id: string;
  /** The part of the computation it changes. Two slips of one knob never compose. */
  readonly knob: string;
  /** Its words; a function when they quote a value read off the student's answers (a learning rate). */
  readonly text: SlipText | ((config: C) => SlipText);
  /** The model's configuration with this slip made. */
  apply(config: C): C;
  /**
   * For a slip with a parameter (a hard-coded learning rate, a schedule's factor): the configuration
   * with the value the student's answers show, or undefined when they show none. `apply` gives the
   * parameter a typical value, for the space's own tests.
   */
  fit?(config: C, evidence: Evidence): C | undefined;
}

/**
 * The mistakes an exercise can be got wrong by, generated rather than listed: a model of the
 * exercise whose configuration the slips change, the slips themselves, and the inputs that tell
 * two behaviours apart.
 */
export interface MistakeSpace<C> {
  readonly exercise: ExerciseId;
  /** The configuration that computes the right answers. */
  readonly reference: C;
  readonly slips: readonly Slip<C>[];
  /** Each knob in words ("the denominator"), for saying what was ruled out. */
  readonly knobs: Readonly<Record<string, string>>;
  /** The exercise's functions as a configuration computes them. */
  implement(config: C): Implementation;
  /**
   * Seeded random valid inputs beside the probes: two configurations that agree on all of them and
   * on the probes are one mistake, and one that agrees with the reference is no mistake at all.
   */
  fingerprintInputs(): readonly FingerprintInput[];
  /** Whether two slips of different knobs make a mistake worth naming together (default: yes). */
  composable?(a: Slip<C>, b: Slip<C>): boolean;
  /**
   * Facts read off the answers of an iterative exercise, in words: the effective learning rate of
   * each step, where each gradient was evaluated, the order of the updates, the number of steps,
   * whether the path's entries are distinct.
   */
  describe?(evidence: Evidence): readonly string[];
}

/** One call of a fingerprint: an export and its arguments (`{ $gradient: bowl }` stands for a gradient function). */
export interface FingerprintInput {
  readonly fn: ExportName;
  readonly args: readonly unknown[];
}

/** A slip's words for a configuration. */
export function textOf<C>(slip: Slip<C>, config: C): SlipText {
  return typeof slip.text === 'function' ? slip.text(config) : slip.text;
}

/** The slip maker of one model: `slip(id, knob, change, text)` makes a slip that sets fields of the configuration, or maps it. */
export function slipMaker<C>() {
  return (
    id: string,
    knob: string,
    change: Partial<C> | ((config: C) => C),
    text: Slip<C>['text'],
    fit?: Slip<C>['fit'],
  ): Slip<C> => {
    const apply = typeof change === 'function' ? change : (config: C) => ({ ...config, ...change });
    return fit ? { id, knob, text, apply, fit } : { id, knob, text, apply };
  };
}
