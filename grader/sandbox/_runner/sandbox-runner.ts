import { readSync, writeSync } from 'node:fs';
import { SubmissionRealms } from '../../door/submission-realms';
import type { ChildMessage, ParentMessage, RunnerAnswer, RunnerOp } from '../_internal/protocol';

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

function send(message: ChildMessage): void {
  const bytes = Buffer.from(`${JSON.stringify(message)}\n`, 'utf8');
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

function run(realms: SubmissionRealms, op: RunnerOp): RunnerAnswer {
  try {
    if (op.k === 'load') return realms.load(op.exercise, op.timeoutMs);
    return realms.call({ exercise: op.exercise, fn: op.fn, argsText: op.argsText, world: op.world, timeoutMs: op.timeoutMs });
  } catch {
    return { kind: 'malformed', detail: 'the sandbox could not run this request' };
  }
}

function capped(answer: RunnerAnswer, budget: AnswerBudget): RunnerAnswer {
  if (answer.kind !== 'answer') return answer;
  const chars = answer.text.length;
  if (chars > budget.maxAnswerChars) return { kind: 'oversize', chars };
  if (budget.used + chars > budget.maxBatchChars) {
    return { kind: 'malformed', detail: `the answers to this batch of calls passed ${budget.maxBatchChars} characters, so this one was dropped` };
  }
  budget.used += chars;
  return answer;
}

function main(): void {
  let realms: SubmissionRealms | undefined;
  let caps = { maxAnswerChars: 0, maxBatchChars: 0 };
  send({ t: 'ready' });
  for (const line of requestLines()) {
    const message = JSON.parse(line) as ParentMessage;
    if (message.t === 'init') {
      realms = new SubmissionRealms(message.sources);
      caps = { maxAnswerChars: message.maxAnswerChars, maxBatchChars: message.maxBatchChars };
    } else if (message.t === 'batch' && realms) {
      const budget: AnswerBudget = { ...caps, used: 0 };
      for (let i = 0; i < message.ops.length; i++) {
        send({ t: 'answer', id: message.id, i, answer: capped(run(realms, message.ops[i]), budget) });
      }
    }
  }
}

main();
