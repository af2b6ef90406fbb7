/**
 * Run by ts-node.test.ts as `node -r ts-node/register`: proves that vega's dynamic import() also
 * survives ts-node's CommonJS compilation, the way `npm run grade` loads the grader.
 */
import { join } from 'node:path';
import { renderInstructorReport, renderStudentReport } from '../../grader/report';
import { readSubmission } from '../../grader/shipped/submission/read-submission';
import { buggyResult } from './fixtures';

/** The instructor's report too: shiki, which colours the student's code there, is an ES module loaded the same way. */
Promise.all([
  renderStudentReport(buggyResult()),
  renderInstructorReport(buggyResult(), readSubmission(join(__dirname, '../../solutions'))),
])
  .then(([report, instructor]) => {
    const svgs = report.html.match(/<svg[^>]*class="marks"/g) ?? [];
    const colouredLines = instructor.html.match(/<span class="line[^"]*"><span class="ln"/g) ?? [];
    process.stdout.write(
      JSON.stringify({
        svgs: svgs.length,
        markdown: report.markdown.length,
        junit: report.junit.length,
        colouredLines: colouredLines.length,
      }),
    );
  })
  .catch((error: unknown) => {
    process.stderr.write(String(error instanceof Error ? error.stack : error));
    process.exit(1);
  });
