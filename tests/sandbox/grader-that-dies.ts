/*
 * A grader that starts a sandbox child and then waits to be killed, for sandbox-port.test.ts:
 * run with `node -r ts-node/register tests/sandbox/grader-that-dies.ts`. It prints one line,
 * {"runnerPath": …}, once its child is at work.
 */
import { join, resolve } from 'node:path';
import { readSubmission } from '../../grader/shipped/submission/read-submission';
import { SandboxPool } from '../../grader/sandbox';

async function main(): Promise<void> {
  const reference = readSubmission(join(resolve(__dirname, '..', '..'), 'solutions'), 'reference');
  const pool = new SandboxPool({ warmChildren: 1 });
  const port = pool.open(reference, reference);
  await port.modules();
  process.stdout.write(`${JSON.stringify({ runnerPath: pool.runnerPath })}\n`);
  setInterval(() => undefined, 1000);
}

void main();
