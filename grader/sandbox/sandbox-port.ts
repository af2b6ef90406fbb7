import { EXERCISES, type ExerciseId, type ExportName } from '../shipped/contract/exercises';
import { outcomeOf } from '../shipped/door/answers';
import { unusableModule } from '../shipped/door/in-process-port';
import { moduleStatuses, realmSourcesOf } from '../shipped/door/module-status';
import type { CallOutcome, CallRequest, IsolationLayer, ModuleStatus, SubmissionPort } from '../shipped/door/port';
import type { RealmAnswer } from '../shipped/door/realm';
import type { Submission } from '../shipped/submission/read-submission';
import { encodeArguments } from '../shipped/wire/wire';
import { KitError } from '../shipped/errors';
import { decodeChildLine, type ParentMessage, type RunnerAnswer, type RunnerOp } from './_internal/protocol';
import type { ChildStop, SandboxChild } from './_internal/sandbox-child';
import type { ResolvedSandboxOptions } from './sandbox-options';

/** What a port needs from the pool it belongs to. */
export interface SandboxHost {
  readonly options: ResolvedSandboxOptions;
  readonly isolation: readonly IsolationLayer[];
  /** A started (or starting) child, fresh for this port: a warm one when there is one. */
  takeChild(): SandboxChild;
  /** The port has closed and killed its children. */
  portClosed(port: SandboxPort): void;
}

/** What happened inside one port's children: for the teacher's report and the kit's tests, never for grading. */
export interface SandboxDiagnostics {
  /** Children started for this submission: 1, plus one per restart. */
  readonly children: number;
  readonly restarts: number;
  /** Why each replaced child stopped. */
  readonly stops: readonly ChildStop[];
  /** Start-up time of each child, spawn to ready, in ms (a warm child may have been ready before it was needed). */
  readonly startupMs: readonly number[];
  /** Lines on the answer channel that answered nothing the grader was waiting for: forged or stale. */
  readonly ignoredMessages: number;
  /** Lines on stdout that look like protocol messages: never read as answers. */
  readonly forgedStdoutLines: number;
  /** What the children printed, each stream capped per child. */
  readonly stdout: string;
  readonly stderr: string;
  readonly droppedOutputBytes: number;
  /** Time the children spent on this submission's requests, which its deadline counts. */
  readonly busyMs: number;
}

/** A request the sandbox did not run, or stopped: the outcome is decided here, not by any answer. */
interface Unanswered {
  readonly kind: 'unanswered';
  readonly error: 'timeout' | 'crashed';
  readonly message: string;
}

type Settled = RunnerAnswer | Unanswered;

/**
 * The door to a submission through the sandbox: its code runs in a child process (see README.md),
 * which is restarted after a crash so that a crash costs only the request that caused it. Answers
 * are validated here exactly as the in-process door does it.
 */
export class SandboxPort implements SubmissionPort {
  readonly isolation: readonly IsolationLayer[];
  private readonly init: ParentMessage;
  private readonly children: SandboxChild[] = [];
  private readonly stops: ChildStop[] = [];
  private readonly startupMs: number[] = [];
  private child?: SandboxChild;
  private statuses?: Promise<readonly ModuleStatus[]>;
  private queue: Promise<unknown> = Promise.resolve();
  private restarts = 0;
  /** Stops of the child blamed on each function (or import), by `functionOf`. */
  private readonly crashes = new Map<string, { count: number; kind: Unanswered['error'] }>();
  private busyMs = 0;
  private closed = false;

  constructor(
    private readonly submission: Submission,
    reference: Submission,
    private readonly host: SandboxHost,
  ) {
    this.isolation = host.isolation;
    const { maxAnswerChars, maxBatchAnswerChars } = host.options;
    this.init = {
      t: 'init',
      sources: realmSourcesOf(submission, reference),
      maxAnswerChars,
      maxBatchChars: maxBatchAnswerChars,
    };
  }

  modules(): Promise<readonly ModuleStatus[]> {
    this.statuses ??= this.exclusive(async () => {
      const found = EXERCISES.filter(({ id }) => this.submission.files[id].state === 'found').map(({ id }) => id);
      const timeoutMs = this.host.options.limits.importTimeoutMs;
      const settled = await this.run(found.map((exercise): RunnerOp => ({ k: 'load', exercise, timeoutMs })));
      const byExercise = new Map(found.map((exercise, i) => [exercise, loadAnswer(settled[i])]));
      return moduleStatuses(this.submission, (exercise) => byExercise.get(exercise)!);
    });
    return this.statuses;
  }

  async callMany(requests: readonly CallRequest[]): Promise<CallOutcome[]> {
    const statuses = await this.modules();
    return this.exclusive(async () => {
      const { callTimeoutMs } = this.host.options.limits;
      const outcomes: CallOutcome[] = new Array(requests.length);
      const ops: RunnerOp[] = [];
      const slots: number[] = [];
      requests.forEach((request, index) => {
        const unusable = unusableModule(statuses, request.exercise, request.world);
        if (unusable) {
          outcomes[index] = unusable;
          return;
        }
        ops.push({
          k: 'call',
          exercise: request.exercise,
          fn: request.fn,
          argsText: encodeArguments(request.args),
          world: request.world ?? 'student',
          ...(request.hidden ? { hidden: true } : {}),
          timeoutMs: callTimeoutMs,
          ...(request.observeArguments ? { observeArguments: true } : {}),
        });
        slots.push(index);
      });
      const settled = await this.run(ops);
      settled.forEach((answer, j) => {
        const request = requests[slots[j]];
        outcomes[slots[j]] = callOutcome(answer, request.exercise, request.fn, callTimeoutMs);
      });
      return outcomes;
    });
  }

  /** Kills and reaps every child of this port. Calls after this are refused. */
  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      for (const child of this.children) child.kill({ reason: 'closed', detail: 'the port was closed' });
      this.host.portClosed(this);
    }
    await Promise.all(this.children.map((child) => child.closed));
  }

  diagnostics(): SandboxDiagnostics {
    const outputs = this.children.map((child) => child.output());
    const stdout = outputs.map((o) => o.stdout).join('');
    return {
      children: this.children.length,
      restarts: this.restarts,
      stops: [...this.stops],
      startupMs: [...this.startupMs],
      ignoredMessages: outputs.reduce((sum, o) => sum + o.ignoredMessages, 0),
      forgedStdoutLines: stdout.split('\n').filter(looksLikeMessage).length,
      stdout,
      stderr: outputs.map((o) => o.stderr).join(''),
      droppedOutputBytes: outputs.reduce((sum, o) => sum + o.droppedBytes, 0),
      busyMs: this.busyMs,
    };
  }

  /** Children that have not exited yet (at most one once the port is in use). */
  liveChildren(): number {
    return this.children.filter((child) => child.usable).length;
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(() => {
      if (this.closed)
        throw new KitError(
          'sandbox-closed',
          `grader: the sandbox port of ${this.submission.studentId} is closed; open a new one to call it again.`,
        );
      return work();
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Runs requests in order through live children. When a child stops, the request it was running
   * is blamed if it ran alone; if it shared a chunk, that chunk is rerun one request at a time in a
   * fresh child, so that only the request that caused the stop pays for it.
   */
  private async run(ops: readonly RunnerOp[]): Promise<Settled[]> {
    const { submissionDeadlineMs, batchSlackMs, stallSlackMs, maxRestarts } = this.host.options;
    const outOfTime = () =>
      unanswered(
        'timeout',
        `was not run: the submission used up its time budget of ${Math.round(submissionDeadlineMs / 1000)} s`,
      );
    const settled: Settled[] = [];
    let singleSteps = 0;
    while (settled.length < ops.length) {
      const givenUp = this.crashes.get(functionOf(ops[settled.length]));
      if (givenUp && givenUp.count >= MAX_CRASHES_PER_FUNCTION) {
        settled.push(
          unanswered(
            givenUp.kind,
            givenUp.kind === 'timeout'
              ? `was not run: it hung the sandbox process ${givenUp.count} times already`
              : `was not run: it stopped the sandbox process ${givenUp.count} times already`,
          ),
        );
        continue;
      }
      const budgetLeft = submissionDeadlineMs - this.busyMs;
      if (budgetLeft <= 0) {
        settled.push(...ops.slice(settled.length).map(outOfTime));
        break;
      }
      const child = await this.liveChild();
      if (typeof child === 'string') {
        settled.push(...ops.slice(settled.length).map(() => unanswered('crashed', child)));
        break;
      }
      const batch = this.runnablePrefix(ops.slice(settled.length));
      const startedAt = Date.now();
      const worstCase = batch.reduce((sum, op) => sum + 2 * op.timeoutMs, 0);
      const result = await child.runBatch(batch, singleSteps, {
        batchAt: startedAt + worstCase + batchSlackMs,
        submissionAt: startedAt + budgetLeft,
        stallSlackMs,
      });
      this.busyMs += Date.now() - startedAt;
      settled.push(...result.answers);
      singleSteps = Math.max(0, singleSteps - result.answers.length);
      const stop = result.stop;
      if (!stop || result.answers.length === batch.length) continue;
      this.stops.push(stop);
      child.kill(stop);
      if (stop.reason === 'shutdown' || stop.reason === 'closed') {
        throw new KitError(
          'sandbox-interrupted',
          `grader: grading ${this.submission.studentId} was interrupted: ${stop.detail}.`,
        );
      }
      if (stop.reason === 'submission-deadline') {
        settled.push(...ops.slice(settled.length).map(outOfTime));
      } else if (result.running === 1) {
        const culprit = functionOf(ops[settled.length]);
        const blamed = blame(stop);
        this.crashes.set(culprit, {
          count: (this.crashes.get(culprit)?.count ?? 0) + 1,
          kind: blamed.kind === 'timeout' ? 'timeout' : 'crashed',
        });
        settled.push(blamed);
        singleSteps = Math.max(0, singleSteps - 1);
      } else {
        singleSteps = Math.max(singleSteps, result.running ?? 1);
      }
      if (settled.length < ops.length && this.restarts >= maxRestarts) {
        settled.push(
          ...ops
            .slice(settled.length)
            .map(() =>
              unanswered(
                'crashed',
                `was not run: the sandbox process had to be restarted ${maxRestarts} times for this submission already`,
              ),
            ),
        );
      }
    }
    return settled;
  }

  /** The requests up to the first one whose function is given up on. */
  private runnablePrefix(ops: readonly RunnerOp[]): readonly RunnerOp[] {
    if (this.crashes.size === 0) return ops;
    const end = ops.findIndex((op) => (this.crashes.get(functionOf(op))?.count ?? 0) >= MAX_CRASHES_PER_FUNCTION);
    return end === -1 ? ops : ops.slice(0, end);
  }

  /** The child to use now: the current one, or a fresh one told about the submission; a string says why there is none. */
  private async liveChild(): Promise<SandboxChild | string> {
    if (this.child?.usable) return this.child;
    if (this.child) {
      if (this.restarts >= this.host.options.maxRestarts)
        return `was not run: the sandbox process had to be restarted ${this.restarts} times for this submission already`;
      this.restarts++;
    }
    const child = this.host.takeChild();
    this.children.push(child);
    this.child = child;
    try {
      this.startupMs.push(await child.started());
    } catch (error) {
      child.kill({ reason: 'exited', detail: 'it did not start' });
      if (child.killReason === 'shutdown' || this.closed)
        throw new KitError(
          'sandbox-interrupted',
          `grader: grading ${this.submission.studentId} was interrupted while its sandbox was starting.`,
        );
      throw new KitError(
        'sandbox-unavailable',
        `grader: the sandbox process for ${this.submission.studentId} could not start: ${error instanceof Error ? error.message : String(error)}. Check the isolation layers (SandboxPool.isolation) and that ${process.execPath} runs.`,
        { cause: error },
      );
    }
    child.send(this.init);
    return child;
  }
}

/** A function that stopped the child this many times is not run again for the submission, as the realm gives up on one that hung twice. */
export const MAX_CRASHES_PER_FUNCTION = 2;

function functionOf(op: RunnerOp): string {
  return op.k === 'load' ? `load ${op.exercise}` : `${op.world} ${op.exercise} ${op.fn}`;
}

function unanswered(error: Unanswered['error'], message: string): Unanswered {
  return { kind: 'unanswered', error, message };
}

/** The request that was running alone when the child stopped: a timeout if it was killed for time, a crash otherwise. */
function blame(stop: ChildStop): Settled {
  if (stop.reason === 'stalled' || stop.reason === 'batch-deadline') return { kind: 'timeout' };
  return { kind: 'malformed', detail: `the sandbox process stopped: ${stop.detail}` };
}

function callOutcome(answer: Settled, exercise: ExerciseId, fn: ExportName, callTimeoutMs: number): CallOutcome {
  if (answer.kind === 'unanswered')
    return { ok: false, error: { kind: answer.error, message: `${fn} ${answer.message}.` } };
  if (answer.kind === 'oversize')
    return {
      ok: false,
      error: {
        kind: 'wrong-type',
        message: `${fn} returned an answer of ${answer.chars} characters, far more than it should.`,
      },
    };
  return outcomeOf(answer, exercise, fn, callTimeoutMs);
}

function loadAnswer(answer: Settled): RealmAnswer {
  if (answer.kind === 'unanswered') return { kind: 'malformed', detail: answer.message };
  if (answer.kind === 'oversize')
    return { kind: 'malformed', detail: `its import answered with ${answer.chars} characters` };
  return answer;
}

function looksLikeMessage(line: string): boolean {
  const value = decodeChildLine(line.trim());
  return value !== null && typeof value === 'object';
}
