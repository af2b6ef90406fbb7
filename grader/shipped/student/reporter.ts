import { appendFileSync } from 'node:fs';
import { relative } from 'node:path';
import { renderConsoleSummary, shouldUseColor } from '../report/console';
import { jobSummaryMarkdown } from '../report/job-summary';
import type { PendingHidden } from '../report/status';
import { markdownText } from '../report/text';
import { EXERCISE_IDS } from '../contract/exercises';
import type { SubmissionResult } from '../results/model';
import { HANDOUT_ISOLATION } from './isolation';
import { loadKitSummary, pendingHiddenOf } from './kit-data';
import { kitPaths, type KitPaths } from './layout';
import { STUDENT_META_KEY, TRANSPILED_KEY, type StudentMeta } from './meta';

/** The little of vitest's reporter API this reporter reads. */
interface ReportedModule {
  meta(): Record<string, unknown>;
  errors(): readonly { readonly message?: string; readonly stack?: string }[];
  readonly moduleId: string;
}

/** The little of vitest itself the reporter uses: handing data to the test worker. */
interface VitestContext {
  provide(key: string, value: unknown): void;
}

/** A test file about to run, with the little of its project's vite server the reporter uses. */
interface ScheduledFile {
  readonly moduleId: string;
  readonly project?: {
    readonly vite?: {
      readonly environments?: Record<string, { transformRequest(url: string): Promise<unknown> } | undefined>;
    };
  };
}

interface ReporterOptions {
  readonly paths?: KitPaths;
  readonly write?: (text: string) => void;
  readonly color?: boolean;
  /** Where GITHUB_STEP_SUMMARY is read from (default: the process's environment). */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * What the students' `npm test` prints: the grader's own console summary (per exercise the public
 * points, the named mistake, where to look), ending with the status sentence (how many public
 * checks passed and what the hidden ones are worth), and where the HTML page is. Vitest's own
 * listing is left out: the summary says the same in fewer lines (`npm test -- --reporter=default`
 * shows it). In GitHub Actions (`GITHUB_STEP_SUMMARY` set) the same status and per-exercise results
 * are appended to the job summary as Markdown.
 */
export class StudentReporter {
  private started = Date.now();
  private vitest: VitestContext | undefined;
  private checking = false;
  private pageLoading = false;
  private readonly paths: KitPaths;
  private readonly write: (text: string) => void;
  private readonly color: boolean;
  private readonly env: NodeJS.ProcessEnv;

  constructor(options: ReporterOptions = {}) {
    this.paths = options.paths ?? kitPaths();
    this.write = options.write ?? ((text) => process.stdout.write(text));
    this.color = options.color ?? shouldUseColor(process.stdout);
    this.env = options.env ?? process.env;
  }

  onInit(vitest: VitestContext): void {
    this.vitest = vitest;
  }

  /**
   * Has vite transform the test files now, while the test worker starts, rather than one by one when
   * the worker asks for them (a file that does not transform is reported when the worker imports it).
   * When an exercise is about to be checked, also transpiles the student's files here, where vite has
   * oxc loaded already, and hands them to the test worker, which then need not load oxc itself.
   */
  async onTestRunStart(specifications: readonly ScheduledFile[] = []): Promise<void> {
    this.started = Date.now();
    for (const file of specifications)
      file.project?.vite?.environments?.ssr?.transformRequest(file.moduleId).catch(() => undefined);
    this.checking = specifications.some((s) =>
      (EXERCISE_IDS as readonly string[]).includes(relative(this.paths.root, s.moduleId).split(/[\\/]/).at(-2) ?? ''),
    );
    if (!this.checking || !this.vitest) return;
    try {
      const transpiler = require('../submission/transpile') as typeof import('../submission/transpile');
      const { readSubmission } =
        require('../submission/read-submission') as typeof import('../submission/read-submission');
      await transpiler.loadTranspiler();
      readSubmission(this.paths.root, this.paths.studentId);
      this.vitest.provide(TRANSPILED_KEY, transpiler.knownTranspiles());
    } catch {
      // The worker transpiles for itself.
    }
  }

  /** While the first exercise's checks run, this process has nothing to do: it loads the feedback page's renderer then. */
  onTestModuleCollected(): void {
    if (!this.checking || this.pageLoading) return;
    this.pageLoading = true;
    setImmediate(() => {
      try {
        (require('./feedback-page') as typeof import('./feedback-page')).loadFeedbackPage();
      } catch {
        // onTestRunEnd says why, if it still cannot.
      }
    });
  }

  async onTestRunEnd(
    modules: readonly ReportedModule[],
    unhandledErrors: readonly { readonly message?: string }[] = [],
  ): Promise<void> {
    const graded = modules
      .map((m) => m.meta()[STUDENT_META_KEY] as StudentMeta | undefined)
      .filter((m): m is StudentMeta => m !== undefined);
    const problems = [
      ...modules.flatMap((m) =>
        m.errors().map((e) => `${relative(this.paths.root, m.moduleId)}: ${firstLine(e.message ?? e.stack)}`),
      ),
      ...unhandledErrors.map((e) => firstLine(e.message)),
    ];
    const lines: string[] = [''];
    const result = graded.length ? this.submissionResult(graded) : undefined;
    const pending = this.pendingHidden();
    if (result) {
      lines.push(renderConsoleSummary(result, { color: this.color, pendingHidden: pending }));
      try {
        // Loaded here, so that a page that cannot be written never stops the summary.
        const { writeFeedbackPage } = require('./feedback-page') as typeof import('./feedback-page');
        await writeFeedbackPage(result, this.paths.feedbackPage, pending);
        lines.push(feedbackPageLine(relative(process.cwd(), this.paths.feedbackPage) || this.paths.feedbackPage));
      } catch (error) {
        lines.push(
          `(the feedback page could not be written: ${firstLine(error instanceof Error ? error.message : String(error))})`,
        );
      }
    } else if (!problems.length) {
      lines.push('No exercise was checked: name one that exists, as in `npm test -- 01-cost`.');
    }
    if (problems.length)
      lines.push(
        '',
        'The checks themselves could not run:',
        ...problems.map((p) => `  ${p}`),
        'If you did not change exercises/_kit, please tell your instructor.',
      );
    const jobSummary = this.env.GITHUB_STEP_SUMMARY;
    if (jobSummary) {
      try {
        appendFileSync(jobSummary, this.jobSummary(result, pending, problems));
      } catch (error) {
        lines.push(
          `(the job summary could not be written to ${jobSummary}: ${firstLine(error instanceof Error ? error.message : String(error))})`,
        );
      }
    }
    this.write(`${lines.join('\n')}\n`);
  }

  private pendingHidden(): PendingHidden {
    return pendingHiddenOf(loadKitSummary(this.paths.manifests));
  }

  private jobSummary(
    result: SubmissionResult | undefined,
    pending: PendingHidden,
    problems: readonly string[],
  ): string {
    const parts = [
      result ? jobSummaryMarkdown(result, pending) : '## Gradient descent: public checks\n\nNo exercise was checked.\n',
    ];
    if (problems.length)
      parts.push(
        `\n**The checks themselves could not run:**\n\n${problems.map((p) => `- ${markdownText(p)}`).join('\n')}\n`,
      );
    return parts.join('');
  }

  private submissionResult(graded: readonly StudentMeta[]): SubmissionResult {
    const exercises = EXERCISE_IDS.flatMap((id) =>
      graded
        .filter((g) => g.result.exercise === id)
        .slice(0, 1)
        .map((g) => g.result),
    );
    const summary = loadKitSummary(this.paths.manifests);
    return {
      studentId: this.paths.studentId,
      seed: summary.seed,
      graderVersion: summary.graderVersion,
      score: sum(exercises.map((e) => e.score)),
      maxScore: sum(exercises.map((e) => e.maxScore)),
      exercises,
      isolation: HANDOUT_ISOLATION,
      contentHash: graded[0].contentHash,
      executionTime: Math.round(Date.now() - this.started) / 1000,
    };
  }
}

/** The summary's last line: where the feedback page is. */
export function feedbackPageLine(path: string): string {
  return `Details, with every check and the inputs that failed: ${path}`;
}

function firstLine(text: string | undefined): string {
  return (text ?? 'unknown error').split('\n')[0].slice(0, 300);
}

function sum(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0);
}
