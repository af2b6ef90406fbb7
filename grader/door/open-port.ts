import { SandboxPool } from '../sandbox';
import type { Submission } from '../submission/read-submission';
import type { SubmissionPort } from './port';

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
