import type { ExerciseId, ExportName } from '../contract/exercises';
import type { LinearModel, Line, Point, Vec2 } from '../../../exercises/types';
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
  /** 07-feature-scaling's runs on data.csv: only when the assignment grades 07. */
  readonly scaling?: ScalingPlotData;
  /** 08-multivariate's descent on the Palmer penguins: only when the assignment grades 08. */
  readonly multivariate?: MultivariatePlotData;
  /** 09-normal-equation's model of the Palmer penguins: only when the assignment grades 09. */
  readonly normalEquation?: NormalEquationPlotData;
  /** 10-mini-batch's runs on the Palmer penguins at several batch sizes: only when the assignment grades 10. */
  readonly miniBatch?: MiniBatchPlotData;
  /** 11-momentum's walks and limits: only when the assignment grades 11. */
  readonly momentum?: MomentumPlotData;
}

/**
 * J(w, b) = (1/N) Σ (yᵢ − w·zᵢ − b)² on one feature z, a quadratic: J* + δᵀ·[[σ² + μ², μ], [μ, 1]]·δ
 * with δ = (w, b) − optimum and μ, σ² the mean and (population) variance of z. Its level sets are
 * drawn from these numbers.
 */
export interface CostLandscape {
  readonly mean: number;
  readonly variance: number;
  readonly optimum: { readonly w: number; readonly b: number };
  /** J at the optimum. */
  readonly minimum: number;
}

/** Where a descent on one feature was after `iteration` steps, and how far the line it makes on the raw x was from the least-squares line. */
export interface ScalingSample {
  readonly iteration: number;
  readonly w: number;
  readonly b: number;
  /** max(|m − m*|/|m*|, |b − b*|/|b*|); absent when no line on the raw x corresponds to the model. */
  readonly distance?: number;
}

/** A descent from w = b = 0 on one feature, recorded at some of its iterations. */
export interface ScalingRun {
  readonly learningRate: number;
  readonly samples: readonly ScalingSample[];
  /**
   * The first recorded iteration whose line is within the tolerance of the least-squares line.
   * `exact` when the iteration before it was looked at too: always for the reference's descent,
   * and for the student's when their runs of both lengths were asked for.
   */
  readonly reached?: { readonly iterations: number; readonly exact: boolean };
  /** Stopped because a parameter was no longer finite, or its line was 10¹² times as far from 0 as the optimum. */
  readonly diverged: boolean;
}

/** The student's side of 07's plots: their scaler of data.csv's x, their scaled feature, and a descent on it. */
export interface StudentScaling {
  /** Their fitScaler of data.csv's x, when it answered. */
  readonly scaler?: { readonly mean: readonly number[]; readonly std: readonly number[] };
  /** Their scaler against the reference's, by the comparison of the check that grades fitScaler on data.csv. */
  readonly scalerComparison?: PlotComparison;
  /** Their scaleFeatures with their scaler against the reference's scaleFeatures with the same scaler, by the comparison of the check that grades scaleFeatures. */
  readonly scaledComparison?: PlotComparison;
  /** Their scaled feature as a function of x, z = slope·x + intercept, when it is one: what turns a model on z into a line on x. */
  readonly affine?: { readonly slope: number; readonly intercept: number };
  /** J on their scaled feature, when it varies. */
  readonly landscape?: CostLandscape;
  /** The descent on their scaled feature (whose: `ScalingPlotData.studentDescent`). */
  readonly run?: ScalingRun;
  /** Their gradientDescentMulti's run of `comparedIterations` against the reference's descent on their scaled feature, by 08's comparison (`studentDescent` 'student' only). */
  readonly descentComparison?: PlotComparison;
  readonly comparedIterations?: number;
  /** Why a step gave nothing further to draw: the function, and what went wrong, in the door's words or the kit's. */
  readonly stopped?: { readonly fn: string; readonly reason: string };
}

/** 07's plots: J's level sets on data.csv's raw and scaled x with a descent on each, and how many iterations each takes to reach the least-squares line. */
export interface ScalingPlotData {
  /** data.csv's least-squares line (06's leastSquares): every run is measured against it. */
  readonly optimum: Line;
  /** Reached: m and b each within this of the optimum's, relatively (07's README counts with 1e−9). */
  readonly tolerance: number;
  readonly referenceScaler: { readonly mean: readonly number[]; readonly std: readonly number[] };
  /** J on the raw x, and the reference's descent on it. */
  readonly raw: { readonly landscape: CostLandscape; readonly run: ScalingRun };
  /** J on x scaled by the reference, and the reference's descent on it. */
  readonly scaled: { readonly landscape: CostLandscape; readonly run: ScalingRun };
  /** Whose descent ran on the student's scaled feature: the reference's, or their own gradientDescentMulti when the assignment grades 08 too. */
  readonly studentDescent: 'reference' | 'student';
  readonly student: StudentScaling;
}

/** 08's plot: gradientDescentMulti's cost history on a table of several features, the student's against the reference's. */
export interface MultivariatePlotData {
  readonly rows: number;
  readonly featureNames: readonly string[];
  readonly targetName: string;
  /** How the features were scaled before the descent, in words ("with the reference's fitScaler"). */
  readonly scaling: string;
  readonly learningRate: number;
  readonly iterations: number;
  /** 2/λmax of J on the scaled table. */
  readonly stabilityLimit: number;
  /** J at the least-squares model of the scaled table. */
  readonly minimum: number;
  readonly reference: readonly number[];
  readonly student?: readonly number[];
  readonly comparison?: PlotComparison;
}

/** 09's plot: the targets the normal equation's model predicts against the actual ones. */
export interface NormalEquationPlotData {
  readonly featureNames: readonly string[];
  readonly targetName: string;
  readonly actual: readonly number[];
  readonly reference: LinearModel;
  readonly referencePredictions: readonly number[];
  readonly student?: LinearModel;
  /** Their model's predictions, when it has one weight per feature. */
  readonly studentPredictions?: readonly number[];
  readonly comparison?: PlotComparison;
}

/** One batch size of 10's plot: the cost on all rows after each epoch, the student's against the reference's. */
export interface MiniBatchCurve {
  readonly batchSize: number;
  /** Steps per epoch, ⌈N / batchSize⌉. */
  readonly steps: number;
  readonly reference: readonly number[];
  readonly student?: readonly number[];
  /** The student's whole run against the reference's, by the comparison of 10's checks (judgeMiniBatch). */
  readonly comparison?: PlotComparison;
  /** Why the student's run gave nothing to draw, in the door's words. */
  readonly stopped?: string;
}

/** 10's plot: mini-batch descent on a table of several features at several batch sizes, the same rows in the same seeded order each epoch. */
export interface MiniBatchPlotData {
  readonly rows: number;
  readonly featureNames: readonly string[];
  readonly targetName: string;
  /** How the features were scaled, in words. */
  readonly scaling: string;
  readonly learningRate: number;
  /** 1 / max‖(xᵢ, 1)‖², the rate below which every batch's step is a contraction; `learningRate` is a fraction of it. */
  readonly stableRate: number;
  readonly epochs: number;
  /** The seed of the epochs' orders (a Fisher–Yates shuffle per epoch), the same for every batch size and every student. */
  readonly orderSeed: number;
  /** J at the least-squares model of the scaled table. */
  readonly minimum: number;
  readonly curves: readonly MiniBatchCurve[];
}

/** A heavy-ball walk of 11's plots, recorded at some of its iterations (every one when it is short). */
export interface MomentumWalk {
  readonly momentum: number;
  readonly iterations: readonly number[];
  readonly reference: readonly Vec2[];
  readonly student?: readonly Vec2[];
  /** The student's whole path against the reference's, by the comparison of 11's path checks (comparePath). */
  readonly comparison?: PlotComparison;
  readonly stopped?: string;
}

/** A quadratic surface of 11's plots, f(p) = f* + ½(p − center)ᵀ·H·(p − center), with the walks on it from one start at one rate. */
export interface MomentumSurface {
  readonly name: string;
  readonly hessian: readonly [readonly [number, number], readonly [number, number]];
  readonly center: readonly [number, number];
  /** f at the centre: J* for a cost, 0 for the valley. */
  readonly minimum: number;
  readonly start: Vec2;
  readonly learningRate: number;
  readonly steps: number;
  readonly walks: readonly MomentumWalk[];
}

/** The heavy-ball limit of a data set at one β: the reference's 2(1 + β)/λmax against the student's maxStableMomentumRate. */
export interface MomentumLimit {
  readonly momentum: number;
  readonly reference: number;
  readonly student?: number;
  readonly comparison?: PlotComparison;
  readonly stopped?: string;
}

/** 11's plots: walks on 05's valley and on data.csv's J, and data.csv's heavy-ball limit against β. */
export interface MomentumPlotData {
  readonly valley: MomentumSurface;
  readonly dataCsv: MomentumSurface;
  /** 06's plain limit 2/λmax of data.csv, which the heavy-ball limits are 1 + β times. */
  readonly plainLimit: number;
  readonly limits: readonly MomentumLimit[];
}
