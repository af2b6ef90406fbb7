import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Readable, Writable } from 'node:stream';
import { decodeChildLine, type ChildMessage, type ParentMessage, type RunnerAnswer, type RunnerOp } from './protocol';
import { killProcess, trackChild } from './live-children';

/** How a child is started and what it may send. */
export interface ChildLaunch {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly heapMb: number;
  readonly startupTimeoutMs: number;
  readonly maxOutputBytes: number;
  readonly maxAnswerChars: number;
  readonly maxBatchAnswerChars: number;
}

/** Why a child stopped before answering everything it was asked. */
export interface ChildStop {
  readonly reason: 'exited' | 'stalled' | 'batch-deadline' | 'submission-deadline' | 'protocol' | 'closed' | 'shutdown';
  /** For the student, after "the sandbox process stopped: ". */
  readonly detail: string;
}

export interface BatchTiming {
  /** Absolute time (ms since the epoch) by which the whole batch must be answered. */
  readonly batchAt: number;
  /** Absolute time at which the submission's own budget runs out, if that comes first. */
  readonly submissionAt: number;
  /** Added to what a chunk may take by its timeouts before the child counts as hung. */
  readonly stallSlackMs: number;
}

export interface BatchResult {
  /** Answers to the first requests, in order; fewer than asked when the child stopped. */
  readonly answers: readonly RunnerAnswer[];
  readonly stop?: ChildStop;
  /** The requests (from `answers.length`) that were running when the child stopped, as it announced them. */
  readonly running?: number;
}

/** What a child printed, capped, and the protocol noise it made. */
export interface ChildOutput {
  readonly stdout: string;
  readonly stderr: string;
  readonly droppedBytes: number;
  /** Lines on the answer channel that answered nothing the grader was waiting for. */
  readonly ignoredMessages: number;
}

interface Listener {
  accept(message: ChildMessage): boolean;
  stopped(stop: ChildStop): void;
}

/**
 * One sandbox process. It speaks the protocol of `protocol.ts`: it says `ready`, receives its
 * submission, and answers batches chunk by chunk. Messages are taken only for the batch in flight,
 * by its random id and in order; anything else is counted and dropped.
 */
export class SandboxChild {
  readonly pid: number | undefined;
  /** Resolves with the start-up time in ms when the child says it is ready; rejects if it dies or takes too long. */
  readonly ready: Promise<number>;
  /** Resolves when the child has exited and all its output has been read. */
  readonly closed: Promise<void>;
  private readonly process: ChildProcess;
  private readonly stdout: CappedOutput;
  private readonly stderr: CappedOutput;
  private readonly lineCapBytes: number;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private batchBytes = 0;
  private ignored = 0;
  private isReady = false;
  private listener?: Listener;
  private killedFor?: ChildStop;
  private exit?: { code: number | null; signal: NodeJS.Signals | null };
  private hasClosed = false;

  constructor(private readonly launch: ChildLaunch) {
    const startedAt = performance.now();
    this.stdout = new CappedOutput(launch.maxOutputBytes);
    this.stderr = new CappedOutput(launch.maxOutputBytes);
    this.lineCapBytes = 3 * launch.maxAnswerChars + 64 * 1024;
    this.process = spawn(launch.command, [...launch.args], {
      cwd: launch.cwd,
      env: {},
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
      detached: true,
    });
    this.pid = this.process.pid;
    trackChild({ process: this.process, shutdown: (why) => this.kill({ reason: 'shutdown', detail: why }) });
    const [input, output, errors, answers] = this.process.stdio as unknown as [Writable, Readable, Readable, Readable];
    for (const stream of [input, output, errors, answers]) stream.on('error', () => undefined);
    this.holdGrader(false);
    output.on('data', (chunk: Buffer) => this.stdout.add(chunk));
    errors.on('data', (chunk: Buffer) => this.stderr.add(chunk));
    answers.on('data', (chunk: Buffer) => this.receive(chunk));

    this.closed = new Promise((resolve) => {
      let exitTimer: NodeJS.Timeout | undefined;
      const finish = () => {
        if (this.hasClosed) return;
        this.hasClosed = true;
        clearTimeout(exitTimer);
        resolve();
        this.listener?.stopped(this.stopInfo());
      };
      this.process.once('close', finish);
      this.process.once('exit', (code, signal) => {
        this.exit = { code, signal };
        // What is still in the pipes is read before 'close'; pipes that an escaped grandchild holds open must not hold us.
        exitTimer = setTimeout(() => {
          for (const stream of [output, errors, answers]) stream.destroy();
          finish();
        }, 1000);
      });
      this.process.once('error', (error) => {
        this.killedFor ??= { reason: 'exited', detail: `it could not be started (${error.message})` };
        finish();
      });
    });

    this.ready = new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => this.kill({ reason: 'exited', detail: `it did not start within ${launch.startupTimeoutMs} ms` }),
        launch.startupTimeoutMs,
      );
      timer.unref();
      this.listener = {
        accept: (message) => {
          if (message.t !== 'ready') return false;
          clearTimeout(timer);
          this.isReady = true;
          this.listener = undefined;
          resolve(performance.now() - startedAt);
          return true;
        },
        stopped: (stop) => {
          clearTimeout(timer);
          reject(new Error(`${stop.detail}${this.stderrHint()}`));
        },
      };
    });
    this.ready.catch(() => undefined);
  }

  /** Waits for `ready`, keeping the grader alive meanwhile (an idle warm child does not). */
  async started(): Promise<number> {
    if (!this.isReady) this.holdGrader(true);
    try {
      return await this.ready;
    } finally {
      if (this.usable) this.holdGrader(false);
    }
  }

  /** Neither killed nor exited: it can take a batch. */
  get usable(): boolean {
    return this.killedFor === undefined && this.exit === undefined && !this.hasClosed;
  }

  /** Why it was killed, if it was. */
  get killReason(): ChildStop['reason'] | undefined {
    return this.killedFor?.reason;
  }

  send(message: ParentMessage): void {
    if (this.usable) this.process.stdin?.write(`${JSON.stringify(message)}\n`);
  }

  /**
   * Runs a batch; settles when every request is answered, or when the child stops (after reading
   * everything it sent). A chunk that runs longer than its timeouts allow is a hang that the vm
   * timeout could not break: the child is killed.
   */
  runBatch(ops: readonly RunnerOp[], singleSteps: number, timing: BatchTiming): Promise<BatchResult> {
    if (!this.usable || !this.isReady) return Promise.resolve({ answers: [], stop: this.stopInfo() });
    if (ops.length === 0) return Promise.resolve({ answers: [] });
    return new Promise((resolve) => {
      const id = randomBytes(16).toString('hex');
      const answers: RunnerAnswer[] = [];
      let chunkEnd = 0;
      let stallTimer: NodeJS.Timeout | undefined;
      const bySubmission = timing.submissionAt <= timing.batchAt;
      const deadlineTimer = setTimeout(
        () => {
          if (bySubmission)
            this.kill({ reason: 'submission-deadline', detail: 'the submission used up its time budget' });
          else
            this.kill({
              reason: 'batch-deadline',
              detail: 'this batch of calls took longer than all their timeouts together',
            });
        },
        Math.max(0, Math.min(timing.batchAt, timing.submissionAt) - Date.now()),
      );
      const watch = (limitMs: number) => {
        clearTimeout(stallTimer);
        stallTimer = setTimeout(
          () =>
            this.kill({
              reason: 'stalled',
              detail: `it gave no answer for ${limitMs} ms, longer than the calls' own timeouts allow`,
            }),
          limitMs,
        );
      };
      const settle = (stop?: ChildStop) => {
        clearTimeout(stallTimer);
        clearTimeout(deadlineTimer);
        this.listener = undefined;
        this.holdGrader(false);
        const running = chunkEnd - answers.length;
        resolve(stop ? { answers, stop, ...(running > 0 ? { running } : {}) } : { answers });
      };
      this.batchBytes = 0;
      this.listener = {
        accept: (message) => {
          if (message.t === 'chunk') {
            const valid =
              message.id === id &&
              message.i === answers.length &&
              message.i === chunkEnd &&
              Number.isSafeInteger(message.n) &&
              message.n >= 1 &&
              message.i + message.n <= ops.length;
            if (!valid) return false;
            chunkEnd = message.i + message.n;
            watch(progressLimitMs(ops[message.i]) + timing.stallSlackMs);
            return true;
          }
          if (message.t !== 'answer' || message.id !== id || message.i !== answers.length || message.i >= chunkEnd)
            return false;
          const answer = checkedAnswer(message.answer, this.launch.maxAnswerChars);
          if (!answer) return false;
          answers.push(answer);
          if (answers.length === ops.length) settle();
          else
            watch(
              answers.length === chunkEnd
                ? timing.stallSlackMs
                : progressLimitMs(ops[answers.length]) + timing.stallSlackMs,
            );
          return true;
        },
        stopped: (stop) => settle(stop),
      };
      this.holdGrader(true);
      watch(timing.stallSlackMs);
      this.send({ t: 'batch', id, ops, singleSteps });
    });
  }

  /** Kills the child and its process group; the first reason given is the one reported. */
  kill(stop: ChildStop): void {
    this.killedFor ??= stop;
    if (this.exit || this.hasClosed) return;
    // Wait for the exit even if nothing else keeps the grader's event loop alive.
    this.holdGrader(true);
    killProcess(this.process);
  }

  output(): ChildOutput {
    return {
      stdout: this.stdout.text(),
      stderr: this.stderr.text(),
      droppedBytes: this.stdout.dropped + this.stderr.dropped,
      ignoredMessages: this.ignored,
    };
  }

  /** An idle child must not keep the grader running; one at work or dying must, until it is done. */
  private holdGrader(hold: boolean): void {
    const handles = [this.process, ...this.process.stdio] as unknown as ({
      ref?: () => void;
      unref?: () => void;
    } | null)[];
    for (const handle of handles) {
      if (hold) handle?.ref?.();
      else handle?.unref?.();
    }
  }

  private receive(chunk: Buffer): void {
    this.batchBytes += chunk.length;
    if (this.listener && this.batchBytes > this.launch.maxBatchAnswerChars * 3 + this.lineCapBytes) {
      this.ignored++;
      this.kill({
        reason: 'protocol',
        detail: `it sent more than ${this.launch.maxBatchAnswerChars} characters of answers for one batch`,
      });
      return;
    }
    let start = 0;
    for (let end = chunk.indexOf(0x0a); end !== -1; end = chunk.indexOf(0x0a, start)) {
      this.pending.push(chunk.subarray(start, end));
      const line = Buffer.concat(this.pending).toString('utf8');
      this.pending = [];
      this.pendingBytes = 0;
      start = end + 1;
      this.handleLine(line);
    }
    if (start < chunk.length) {
      this.pending.push(chunk.subarray(start));
      this.pendingBytes += chunk.length - start;
      if (this.pendingBytes > this.lineCapBytes) {
        this.pending = [];
        this.pendingBytes = 0;
        this.ignored++;
        this.kill({ reason: 'protocol', detail: `it sent a message longer than ${this.lineCapBytes} bytes` });
      }
    }
  }

  private handleLine(line: string): void {
    const message = decodeChildLine(line);
    if (message === null || typeof message !== 'object' || !this.listener?.accept(message as ChildMessage))
      this.ignored++;
  }

  private stopInfo(): ChildStop {
    if (this.killedFor) return this.killedFor;
    if (!this.exit) return { reason: 'closed', detail: 'it was closed' };
    return {
      reason: 'exited',
      detail: describeExit(this.exit.code, this.exit.signal, this.stderr.text(), this.launch.heapMb),
    };
  }

  private stderrHint(): string {
    const text = this.stderr.text().trim();
    return text ? ` (stderr: ${text.slice(0, 300)})` : '';
  }
}

/**
 * How long a chunk may go without an answer: an entry into the realm ends once half a call's
 * timeout is spent, the call it was running may use its whole timeout before the realm's deadline
 * stops it, and that call then runs once more alone (see Realm.callMany): 2.5 timeouts, so 3.
 */
function progressLimitMs(op: RunnerOp): number {
  return 3 * op.timeoutMs;
}

/** A fresh, plain copy of an answer the child sent, or undefined when it is not one. */
function checkedAnswer(raw: unknown, maxAnswerChars: number): RunnerAnswer | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const answer = raw as { kind?: unknown; text?: unknown; detail?: unknown; chars?: unknown };
  switch (answer.kind) {
    case 'answer':
      return typeof answer.text === 'string' && answer.text.length <= maxAnswerChars
        ? { kind: 'answer', text: answer.text }
        : undefined;
    case 'timeout':
      return { kind: 'timeout' };
    case 'malformed':
      return typeof answer.detail === 'string' ? { kind: 'malformed', detail: answer.detail.slice(0, 300) } : undefined;
    case 'oversize':
      return typeof answer.chars === 'number' && Number.isSafeInteger(answer.chars) && answer.chars > maxAnswerChars
        ? { kind: 'oversize', chars: answer.chars }
        : undefined;
    default:
      return undefined;
  }
}

/** Why the process ended, in words a student can act on. */
export function describeExit(
  code: number | null,
  signal: NodeJS.Signals | null,
  stderr: string,
  heapMb: number,
): string {
  if (/heap out of memory|Reached heap limit/i.test(stderr)) {
    return `it ran out of memory (the limit is ${heapMb} MiB): look for an array, string or object that grows without end`;
  }
  if (/Allocation failed|out of memory/i.test(stderr)) {
    return 'it ran out of memory (typed arrays and ArrayBuffers count too): look for an array, buffer, string or object that grows without end';
  }
  if (/invalid (array|string|table) length|invalid size error/i.test(stderr))
    return 'it tried to build a string or array larger than JavaScript allows';
  if (signal === 'SIGXCPU') return 'it used up its CPU time';
  if (signal === 'SIGSEGV') return 'it crashed (segmentation fault), perhaps from recursion that goes too deep';
  if (signal) return `it was ended by ${signal}`;
  return `it exited with code ${code}`;
}

/** Keeps the first `max` bytes of a stream and counts the rest. */
class CappedOutput {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  dropped = 0;

  constructor(private readonly max: number) {}

  add(chunk: Buffer): void {
    const room = this.max - this.kept;
    const part = room <= 0 ? undefined : chunk.length <= room ? chunk : chunk.subarray(0, room);
    if (part) {
      this.chunks.push(Buffer.from(part));
      this.kept += part.length;
    }
    this.dropped += chunk.length - (part?.length ?? 0);
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}
