import type { ExerciseId, ExportName } from '../contract/exercises';
import type { Line, Point, Vec2 } from '../../../exercises/types';
import type { CallErrorKind, IsolationLayer, ModuleStatus } from '../door/port';

export type CheckStatus = 'pass' | 'fail' | 'error' | 'not-implemented';
export type Visibility = 'public' | 'hidden';
export type CheckKind = 'property' | 'reference';

/** The input a failing check was given, as the student would write it, after fast-check shrank it. */
export interface Counterexample {
  readonly input: Readonly<Record<string, unknown>>;
  /** How many times fast-check shrank the first failing input to reach this one. */
  readonly shrinks: number;
}

/** Everything a reporter needs about one check, as plain data. Reporters read it and decide nothing. */
export interface CheckResult {
  readonly id: string;
  readonly exercise: ExerciseId;
  readonly title: string;
  readonly kind: CheckKind;
  readonly visibility: Visibility;
  readonly status: CheckStatus;
  readonly points: number;
  readonly maxPoints: number;
  readonly seed: number;
  /** fast-check's replay path of the failing case; with the seed, it reruns exactly that case. */
  readonly path?: string;
  readonly runs: number;
  readonly message: string;
  readonly counterexample?: Counterexample;
  readonly expected?: unknown;
  readonly actual?: unknown;
  readonly tolerance?: number;
  readonly observedError?: number;
  readonly callError?: CallErrorKind;
  /** A command line that reruns exactly this case. */
  readonly replay?: string;
  /** Set when the check passed (`status` is `'pass'`) but the rubric held its points back (`points` is 0); see `HeldBack`. */
  readonly heldBack?: HeldBack;
}

/**
 * Why a check that passed earned nothing: properties and fixed examples pay only when each export
 * they call also matches the reference on inputs drawn for this run (grader/engine/rubric.ts).
 */
export interface HeldBack {
  /** The exports that matched the reference on none of this run's fresh inputs. */
  readonly exports: readonly ExportName[];
  /** The checks that compare them with the reference on fresh inputs, by id: passing any of them releases the points. */
  readonly vouchers: readonly string[];
  /** One plain sentence for the student: "Held back: this check passed, but it pays only when computeCost also matches the reference on fresh inputs …". */
  readonly message: string;
}

/** A known mistake the student's outputs on the designed probes matched (see grader/diagnosis). */
export interface Diagnosis {
  /** Catalogue id, e.g. `02-gradient/missing-factor-2`. */
  readonly id: string;
  /** What a student understands: "You forgot the factor 2". */
  readonly name: string;
  /** Two sentences on what went wrong and why it matters. */
  readonly explanation: string;
  /** Where to look, without giving the answer away. */
  readonly hint: string;
  /** How the kit knows: which probes matched, within which tolerance. */
  readonly evidence: string;
}

/** When an exercise failed only because an exercise it builds on is broken. */
export interface RootCause {
  readonly brokenDependency: ExerciseId;
  /** True when this exercise's checks ran with the reference in place of the broken dependency, so its own logic was graded. */
  readonly gradedInIsolation: boolean;
  readonly message: string;
}

/** Advice that is not a failure: a correct descent that crawls, a rate past the stability limit. */
export interface Observation {
  readonly id: string;
  readonly title: string;
  readonly text: string;
}

export interface ExerciseResult {
  readonly exercise: ExerciseId;
  readonly file: string;
  readonly module: ModuleStatus;
  readonly score: number;
  readonly maxScore: number;
  readonly checks: readonly CheckResult[];
  /** A named mistake; absent when the exercise passed or nothing in the catalogue matched. */
  readonly diagnosis?: Diagnosis;
  /** When the exercise failed but matched no catalogue entry: says so plainly, never guesses. */
  readonly unrecognised?: string;
  readonly rootCause?: RootCause;
  readonly observations?: readonly Observation[];
}

export interface SubmissionResult {
  readonly studentId: string;
  readonly seed: number;
  readonly graderVersion: string;
  readonly score: number;
  readonly maxScore: number;
  readonly exercises: readonly ExerciseResult[];
  readonly isolation: readonly IsolationLayer[];
  readonly contentHash: string;
  /** The student's runs behind the report's plots. */
  readonly plots?: PlotData;
  /** Wall time of grading, in seconds; the only field that may differ between two runs with the same seed. */
  readonly executionTime: number;
}

/** What the class summary and the gradebook read of one check: a few bytes, the same object for every student with the same outcome. */
export type SummaryCheck = Pick<CheckResult, 'id' | 'title' | 'status' | 'points' | 'maxPoints' | 'visibility'>;

/** What the class summary and the gradebook read of one exercise. */
export interface SummaryExercise extends Pick<ExerciseResult, 'exercise' | 'score' | 'maxScore' | 'unrecognised'> {
  readonly diagnosis?: Pick<Diagnosis, 'id' | 'name'>;
  readonly checks: readonly SummaryCheck[];
}

/** What the class summary and the gradebook read of one student; a whole `SubmissionResult` is one too. */
export interface SummaryResult extends Pick<SubmissionResult, 'studentId' | 'score' | 'maxScore'> {
  readonly exercises: readonly SummaryExercise[];
}

/**
 * The student's answer behind a plot against the reference's, by the comparison and tolerance of the
 * check that grades that answer (grader/engine/plot-data.ts), so that a caption says "the same" only
 * when it is. Absent when the student's code gave no answer.
 */
export interface PlotComparison {
  /** Every number within the check's tolerance of the reference's. */
  readonly matches: boolean;
  /** When it does not match: the check's own words for the first difference ("path[1]: expected …, got …"). */
  readonly difference?: string;
}

/** A descent's cost history at one learning rate, the student's (when it ran) against the reference's. */
export interface LearningRateCurve {
  readonly learningRate: number;
  readonly fractionOfLimit: number;
  readonly reference: readonly number[];
  readonly student?: readonly number[];
  readonly comparison?: PlotComparison;
}

/** The runs behind the report's plots. A `student` field is absent when the student's code gave no usable answer. */
export interface PlotData {
  readonly dataFit: {
    readonly title: string;
    readonly points: readonly Point[];
    readonly reference: Line;
    readonly optimum: Line;
    readonly student?: Line;
    /** The student's whole run (line and costs) against the reference's: the plot of the line and the cost curve share it. */
    readonly comparison?: PlotComparison;
    /** The student's leastSquares(points), when their 06-learning-rate answered, against the reference's `optimum`. */
    readonly studentOptimum?: Line;
    readonly studentOptimumComparison?: PlotComparison;
  };
  readonly costCurve: {
    readonly learningRate: number;
    readonly reference: readonly number[];
    readonly student?: readonly number[];
    readonly comparison?: PlotComparison;
  };
  readonly valleyPath: {
    readonly start: Vec2;
    readonly learningRate: number;
    readonly reference: readonly Vec2[];
    readonly student?: readonly Vec2[];
    readonly comparison?: PlotComparison;
  };
  readonly learningRates: {
    readonly points: readonly Point[];
    /** The true stability limit 2/λmax of `points`, which the curves' rates are fractions of. */
    readonly limit: number;
    readonly curves: readonly LearningRateCurve[];
    /** The student's maxStableLearningRate(points), when their 06-learning-rate answered. */
    readonly studentLimit?: number;
    readonly studentLimitComparison?: PlotComparison;
  };
}
