/**
 * Run by browser.test.ts as `node -r ts-node/register write-feedback-page.ts <path>`: the handout's
 * feedback page (grader/shipped/student/feedback-page.ts) for a fixture result, made as the
 * handout's runner makes it, outside vitest (whose module loader does not serve its `require`).
 */
import { writeFeedbackPage } from '../../grader/shipped/student/feedback-page';
import { buggyResult } from './fixtures';

writeFeedbackPage(buggyResult('ada'), process.argv[2]).catch((error: unknown) => {
  process.stderr.write(String(error instanceof Error ? error.stack : error));
  process.exit(1);
});
