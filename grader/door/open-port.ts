import type { Submission } from '../submission/read-submission';
import { InProcessPort } from './in-process-port';
import type { SubmissionPort } from './port';

/** The door a command uses for a submission. */
export async function openSubmissionPort(submission: Submission, reference: Submission): Promise<SubmissionPort> {
  return new InProcessPort(submission, reference);
}
