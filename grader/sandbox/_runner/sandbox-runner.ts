import { readSync, writeSync } from 'node:fs';
import { SubmissionRealms } from '../../shipped/door/submission-realms';
import {
  encodeChildMessage,
  type ChildMessage,
  type ParentMessage,
  type RunnerAnswer,
  type RunnerOp,
} from '../_internal/protocol';

/*
 * The sandbox child: bundled into one file with the realm code it needs, and started by the
 * grader under the permission model and the OS layers. It reads requests from stdin, runs them
 * in the submission's realms, and writes one answer line per request to fd 3 before starting
 * the next, so that the grader knows exactly how far it got if the process dies. Everything is
 * synchronous: there is no event loop work for student code to reach.
 */

const REQUESTS_FD = 0;
const ANSWERS_FD = 3;
const NEWLINE = 0x0a;
const napCell = new Int32Array(new SharedArrayBuffer(4));

function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}

function isRetryable(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'EAGAIN' || code === 'EINTR';
}

function nap(): void {
  Atomics.wait(napCell, 0, 0, 1);
}

function send(...messages: ChildMessage[]): void {
  const bytes = Buffer.from(messages.map(encodeChildMessage).join(''), 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(ANSWERS_FD, bytes, offset, bytes.length - offset);
    } catch (error) {
      if (!isRetryable(error)) throw error;
      nap();
    }
  }
}

function* requestLines(): Generator<string> {
  const chunk = Buffer.allocUnsafe(1 << 20);
  let pending: Buffer[] = [];
  for (;;) {
    let count: number;
    try {
      count = readSync(REQUESTS_FD, chunk, 0, chunk.length, null);
    } catch (error) {
      if (!isRetryable(error)) throw error;
      nap();
      continue;
    }
    if (count === 0) return;
    const data = chunk.subarray(0, count);
    let start = 0;
    for (let end = data.indexOf(NEWLINE); end !== -1; end = data.indexOf(NEWLINE, start)) {
      pending.push(data.subarray(start, end));
      yield Buffer.concat(pending).toString('utf8');
      pending = [];
      start = end + 1;
    }
    if (start < count) pending.push(Buffer.from(data.subarray(start)));
  }
}

interface AnswerBudget {
  readonly maxAnswerChars: number;
  readonly maxBatchChars: number;
  used: number;
}

/** Calls in one chunk at most. The realms end an entry once half a call's timeout is spent and answer as each entry ends, so a chunk may be long. */
const MAX_CHUNK = 256;

/** Answers `count` requests from `first`, sending each entry's answers as soon as it ends; a request the realms could not answer is malformed. */
function runChunk(
  realms: SubmissionRealms,
  batchId: string,
  ops: readonly RunnerOp[],
  first: number,
  count: number,
  budget: AnswerBudget,
): void {
  let answered = 0;
  const deliver = (answers: readonly RunnerAnswer[]) => {
    const taken = answers.slice(0, count - answered);
    send(
      ...taken.map((answer, j): ChildMessage => ({
        t: 'answer',
        id: batchId,
        i: first + answered + j,
        answer: capped(answer, budget),
      })),
    );
    answered += taken.length;
  };
  try {
    const op = ops[first];
    if (op.k === 'load') deliver([realms.load(op.exercise, op.timeoutMs)]);
    else {
      const calls = ops.slice(first, first + count).map((call) => {
        if (call.k !== 'call') throw new Error('a chunk mixes loads and calls');
        return {
          exercise: call.exercise,
          fn: call.fn,
          argsText: call.argsText,
          world: call.world,
          hidden: call.hidden,
          timeoutMs: call.timeoutMs,
          observeArguments: call.observeArguments,
        };
      });
      realms.callMany(calls, deliver);
    }
  } catch {
    // Answered below.
  }
  if (answered < count)
    deliver(
      Array.from(
        { length: count - answered },
        () => ({ kind: 'malformed', detail: 'the sandbox could not run this request' }) as const,
      ),
    );
}

function chunkLength(ops: readonly RunnerOp[], first: number, size: number): number {
  if (ops[first].k !== 'call') return 1;
  let count = 1;
  while (count < size && first + count < ops.length && ops[first + count].k === 'call') count++;
  return count;
}

function runBatch(realms: SubmissionRealms, batch: Extract<ParentMessage, { t: 'batch' }>, budget: AnswerBudget): void {
  const { id, ops } = batch;
  for (let first = 0; first < ops.length;) {
    const count = chunkLength(ops, first, first < batch.singleSteps ? 1 : MAX_CHUNK);
    send({ t: 'chunk', id, i: first, n: count });
    runChunk(realms, id, ops, first, count, budget);
    first += count;
  }
}

function capped(answer: RunnerAnswer, budget: AnswerBudget): RunnerAnswer {
  if (answer.kind !== 'answer') return answer;
  const chars = answer.text.length;
  if (chars > budget.maxAnswerChars) return { kind: 'oversize', chars };
  if (budget.used + chars > budget.maxBatchChars) {
    return {
      kind: 'malformed',
      detail: `the answers to this batch of calls passed ${budget.maxBatchChars} characters, so this one was dropped`,
    };
  }
  budget.used += chars;
  return answer;
}

/** Creating the first realm of a process costs several times more than the next: pay it while the child waits for its submission. */
function warmUp(): void {
  try {
    const module = {
      id: '01-cost/cost',
      filename: 'warm-up.js',
      javascript: 'exports.computeCost = function (points, line) { return points.length * line.m; };',
    };
    const realms = new SubmissionRealms({ student: { '01-cost': module }, reference: {} });
    realms.load('01-cost', 1000);
    realms.callMany([
      {
        exercise: '01-cost',
        fn: 'computeCost',
        argsText: '[[{"x":1,"y":2}],{"m":1,"b":0}]',
        world: 'student',
        timeoutMs: 1000,
      },
    ]);
  } catch {
    // Only a warm-up.
  }
}

function main(): void {
  let realms: SubmissionRealms | undefined;
  let caps = { maxAnswerChars: 0, maxBatchChars: 0 };
  send({ t: 'ready' });
  warmUp();
  for (const line of requestLines()) {
    const message = JSON.parse(line) as ParentMessage;
    if (message.t === 'init') {
      realms = new SubmissionRealms(message.sources);
      caps = { maxAnswerChars: message.maxAnswerChars, maxBatchChars: message.maxBatchChars };
    } else if (message.t === 'batch' && realms) {
      runBatch(realms, message, { ...caps, used: 0 });
    }
  }
}

main();
