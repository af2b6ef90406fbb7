/**
 * Run by ts-node.test.ts as `node -r ts-node/register`: proves that vega's dynamic import() also
 * survives ts-node's CommonJS compilation, the way `npm run grade` loads the grader.
 */
import { renderStudentReport } from '../../grader/report';
import { buggyResult } from './fixtures';

renderStudentReport(buggyResult())
  .then((report) => {
    const svgs = report.html.match(/<svg[^>]*class="marks"/g) ?? [];
    process.stdout.write(
      JSON.stringify({ svgs: svgs.length, markdown: report.markdown.length, junit: report.junit.length }),
    );
  })
  .catch((error: unknown) => {
    process.stderr.write(String(error instanceof Error ? error.stack : error));
    process.exit(1);
  });
