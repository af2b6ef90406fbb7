import { SandboxPool } from './';
import type { Submission } from '../shipped/submission/read-submission';
import type { SubmissionPort } from '../shipped/door/port';

let pool: SandboxPool | undefined;

/** The door every command uses for a submission: a sandboxed child process from one pool per process. */
export async function openSubmissionPort(submission: Submission, reference: Submission): Promise<SubmissionPort> {
  pool ??= new SandboxPool();
  return pool.open(submission, reference);
}

/** Kills every sandbox child, the warm one included. Commands call it before they exit. */
export async function closeSubmissionPorts(): Promise<void> {
  const open = pool;
  pool = undefined;
  await open?.close();
}
