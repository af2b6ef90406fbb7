import type { ExerciseId } from '../contract/exercises';
import type { Submission } from '../submission/read-submission';
import { encodeArguments } from '../wire/wire';
import { moduleStatuses, realmSourcesOf } from './module-status';
import type { CallOutcome, CallRequest, IsolationLayer, ModuleStatus, SubmissionPort } from './port';
import { outcomeOf } from './answers';
import { SubmissionRealms, type World } from './submission-realms';
import { DEFAULT_DOOR_LIMITS, type DoorLimits } from './limits';

/**
 * The door without the sandbox: student code runs in fresh vm realms inside this process. For the
 * kit's own fast tests of trusted code (references, catalogue variants) only; submissions are
 * graded through the sandbox port.
 */
export class InProcessPort implements SubmissionPort {
  readonly isolation: readonly IsolationLayer[] = [
    { name: 'vm realm', active: true, detail: 'fresh V8 context without host objects' },
    { name: 'child process', active: false, detail: 'in-process door: for trusted code only' },
  ];
  private readonly realms: SubmissionRealms;
  private statuses?: readonly ModuleStatus[];

  constructor(
    private readonly submission: Submission,
    reference: Submission,
    private readonly limits: DoorLimits = DEFAULT_DOOR_LIMITS,
  ) {
    this.realms = new SubmissionRealms(realmSourcesOf(submission, reference));
  }

  async modules(): Promise<readonly ModuleStatus[]> {
    this.statuses ??= moduleStatuses(this.submission, (exercise) =>
      this.realms.load(exercise, this.limits.importTimeoutMs),
    );
    return this.statuses;
  }

  async callMany(requests: readonly CallRequest[]): Promise<CallOutcome[]> {
    const statuses = await this.modules();
    const runnable = requests.filter((request) => !unusableModule(statuses, request.exercise, request.world));
    const answers = this.realms.callMany(
      runnable.map((request) => ({
        exercise: request.exercise,
        fn: request.fn,
        argsText: encodeArguments(request.args),
        world: request.world ?? 'student',
        hidden: request.hidden,
        timeoutMs: this.limits.callTimeoutMs,
        observeArguments: request.observeArguments,
      })),
    );
    let next = 0;
    return requests.map(
      (request) =>
        unusableModule(statuses, request.exercise, request.world) ??
        outcomeOf(answers[next++], request.exercise, request.fn, this.limits.callTimeoutMs),
    );
  }

  async close(): Promise<void> {}
}

/**
 * A call into a file that is missing, broken or failed at import gets that reason, without running
 * anything. In an isolated world a file whose import failed is tried again: it may have failed
 * only because an exercise it imports is broken, and there the reference stands in for that one.
 */
export function unusableModule(
  statuses: readonly ModuleStatus[],
  exercise: ExerciseId,
  world: World = 'student',
): CallOutcome | undefined {
  const status = statuses.find((s) => s.exercise === exercise);
  if (!status || status.state === 'loaded') return undefined;
  if (world === 'isolated' && status.state === 'import-failed') return undefined;
  const kind = status.state === 'missing' ? 'missing-file' : 'load-failed';
  return { ok: false, error: { kind, message: status.message ?? `${exercise} could not be loaded.` } };
}
