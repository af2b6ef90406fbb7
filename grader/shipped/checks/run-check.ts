import fc from 'fast-check';
import type { CallErrorKind, CallOutcome, CallRequest, SubmissionPort } from '../door/port';
import type { CheckDefinition, CheckInput, Verdict } from './check';
import type { CheckResult, CheckStatus } from '../results/model';
import { encodeArguments } from '../wire/wire';
import { inputProblem } from '../contract/input-rules';

/** How many random inputs a property check tries unless it says otherwise. */
export const DEFAULT_NUM_RUNS = 30;
/** fast-check stops shrinking after this long; the best counterexample so far is kept. */
export const SHRINK_TIME_LIMIT_MS = 5000;

/**
 * Answers calls through the door once each, in batches, and remembers them: by the request object
 * first (a check's plan hands out the same requests each time it is asked, so most lookups never
 * encode the arguments), then by what the call is.
 */
export class CallCache {
  private readonly answers = new Map<string, CallOutcome>();
  private readonly byRequest = new WeakMap<CallRequest, CallOutcome>();

  constructor(private readonly port: SubmissionPort) {}

  /** The same door, remembering: a call the checks already made (the published run, say) is not run again. */
  asPort(): SubmissionPort {
    const { port } = this;
    return {
      isolation: port.isolation,
      modules: () => port.modules(),
      callMany: (requests) => this.callMany(requests),
      close: () => port.close(),
    };
  }

  async callMany(requests: readonly CallRequest[]): Promise<CallOutcome[]> {
    const missing = new Map<string, CallRequest>();
    const keys = requests.map((request) => {
      if (this.byRequest.has(request)) return undefined;
      const key = keyOf(request);
      if (!this.answers.has(key)) missing.set(key, request);
      return key;
    });
    if (missing.size) {
      for (const request of missing.values()) refuseInvalidInput(request);
      const outcomes = await this.port.callMany([...missing.values()]);
      [...missing.keys()].forEach((key, i) => this.answers.set(key, outcomes[i]));
    }
    return requests.map((request, i) => {
      let outcome = this.byRequest.get(request);
      if (!outcome) this.byRequest.set(request, (outcome = this.answers.get(keys[i]!)!));
      return outcome;
    });
  }
}

/**
 * A call the contract's input rules forbid is never made: the student's code may assume them, so an
 * input that breaks one is a bug of the kit's checks or probes, stopped here rather than graded.
 */
function refuseInvalidInput(request: CallRequest): void {
  const problem = inputProblem(request.fn, request.args);
  if (problem)
    throw new Error(
      `grader: ${request.exercise}'s ${request.fn} was about to be called with an input the contract rules out (${problem}): a bug in the kit's checks or probes`,
    );
}

function keyOf(request: CallRequest): string {
  let key = requestKeys.get(request);
  if (key === undefined) {
    key = `${request.exercise}|${request.fn}|${request.world ?? 'student'}|${request.hidden ?? false}|${request.observeArguments ?? false}|${request.repeat ?? 0}|${encodeArguments(request.args)}`;
    requestKeys.set(request, key);
  }
  return key;
}

/** Requests are shared by every submission of a run (see `inputsOf`): each key is built, and hashed by the maps, once per process. */
const requestKeys = new WeakMap<CallRequest, string>();

/** The inputs a check will try, in the order fast-check's `check` tries them with the same seed. */
export function inputsOf(check: CheckDefinition, seed: number): readonly CheckInput[] {
  if (check.examples) return check.examples;
  const key = `${check.id}|${seed}`;
  let inputs = sampledInputs.get(key);
  if (!inputs) {
    inputs = fc.sample(check.inputs, { seed, numRuns: check.numRuns ?? DEFAULT_NUM_RUNS });
    sampledInputs.set(key, inputs);
  }
  return inputs;
}

/** Every submission of a run gets the same inputs: they are sampled once per process. */
const sampledInputs = new Map<string, readonly CheckInput[]>();

/**
 * Runs one check whose calls may already be in the cache. Random inputs of a public check that fail
 * are shrunk by fast-check (only when the code answered, wrongly: a crash, a timeout or a missing
 * function is not worth shrinking); a hidden check's input is never shown, so it is not shrunk.
 * The result says how to replay the exact case.
 */
export async function runCheck(
  check: CheckDefinition,
  cache: CallCache,
  seed: number,
  options: { path?: string } = {},
): Promise<CheckResult> {
  const judge = async (input: CheckInput): Promise<Verdict> =>
    check.verify(input, await cache.callMany(check.plan(input)));
  if (options.path !== undefined && !check.examples) return replay(check, judge, seed, options.path);

  const inputs = inputsOf(check, seed);
  await cache.callMany(inputs.flatMap((input) => check.plan(input)));
  for (let index = 0; index < inputs.length; index++) {
    const verdict = await judge(inputs[index]);
    if (verdict.pass) continue;
    if (check.examples || check.visibility === 'hidden' || !worthShrinking(verdict))
      return failed(check, seed, inputs.length, inputs[index], verdict, {
        path: check.examples ? undefined : String(index),
        shrinks: 0,
      });
    return shrink(check, judge, seed, inputs[index], verdict, index);
  }
  return { ...base(check, seed, inputs.length), status: 'pass', points: check.points, message: 'passed' };
}

function worthShrinking(verdict: Verdict): boolean {
  if (verdict.pass) return false;
  const kind = verdict.callError?.kind;
  return kind === undefined || kind === 'wrong-type' || kind === 'not-finite' || kind === 'threw';
}

async function shrink(
  check: CheckDefinition,
  judge: (input: CheckInput) => Promise<Verdict>,
  seed: number,
  firstInput: CheckInput,
  firstVerdict: Verdict,
  index: number,
): Promise<CheckResult> {
  const details = await fc.check(
    fc.asyncProperty(check.inputs, async (input) => (await judge(input)).pass),
    {
      seed,
      numRuns: check.numRuns ?? DEFAULT_NUM_RUNS,
      interruptAfterTimeLimit: SHRINK_TIME_LIMIT_MS,
      markInterruptAsFailure: false,
    },
  );
  if (!details.failed || !details.counterexample) {
    return failed(check, seed, index + 1, firstInput, firstVerdict, { path: String(index), shrinks: 0 });
  }
  const [input] = details.counterexample as [CheckInput];
  return failed(check, seed, details.numRuns, input, await judge(input), {
    path: details.counterexamplePath ?? String(index),
    shrinks: details.numShrinks,
  });
}

async function replay(
  check: CheckDefinition,
  judge: (input: CheckInput) => Promise<Verdict>,
  seed: number,
  path: string,
): Promise<CheckResult> {
  const details = await fc.check(
    fc.asyncProperty(check.inputs, async (input) => (await judge(input)).pass),
    { seed, path, endOnFailure: true, numRuns: check.numRuns ?? DEFAULT_NUM_RUNS },
  );
  if (!details.failed || !details.counterexample)
    return {
      ...base(check, seed, details.numRuns),
      status: 'pass',
      points: check.points,
      message: `the case at path ${path} passes`,
    };
  const [input] = details.counterexample as [CheckInput];
  return failed(check, seed, details.numRuns, input, await judge(input), { path, shrinks: 0 });
}

function base(check: CheckDefinition, seed: number, runs: number) {
  return {
    id: check.id,
    exercise: check.exercise,
    title: check.title,
    kind: check.kind,
    visibility: check.visibility,
    maxPoints: check.points,
    seed,
    runs,
  };
}

function statusOf(kind: CallErrorKind | undefined): CheckStatus {
  if (kind === 'not-implemented') return 'not-implemented';
  if (kind === 'missing-file' || kind === 'missing-export' || kind === 'load-failed' || kind === 'crashed')
    return 'error';
  return 'fail';
}

function failed(
  check: CheckDefinition,
  seed: number,
  runs: number,
  input: CheckInput,
  verdict: Verdict,
  replayInfo: { path?: string; shrinks: number },
): CheckResult {
  if (verdict.pass) return { ...base(check, seed, runs), status: 'pass', points: check.points, message: 'passed' };
  const status = statusOf(verdict.callError?.kind);
  return {
    ...base(check, seed, runs),
    status,
    points: 0,
    message: status === 'not-implemented' ? 'not implemented yet' : verdict.message,
    path: replayInfo.path,
    counterexample: status === 'fail' ? { input, shrinks: replayInfo.shrinks } : undefined,
    expected: verdict.expected,
    actual: verdict.actual,
    tolerance: verdict.tolerance,
    observedError: verdict.observedError,
    callError: verdict.callError?.kind,
  };
}
