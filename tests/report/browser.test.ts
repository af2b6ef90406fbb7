import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAssignment } from '../../grader/assignment/read-assignment';
import { KIT_ROOT } from '../../grader/data/paths';
import { writeClassSummary, writeStudentReport } from '../../grader/report';
import type { SubmissionResult } from '../../grader/shipped/results/model';
import { buggyResult, passingResult } from './fixtures';
import { HOSTILE_COST } from './hostile-code';
import { gradedVariant, SEQUENTIAL_STEP } from './real-results';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = join(__dirname, '../.screenshots');

const AXE = require.resolve('axe-core/axe.min.js');

/** The page's own globals, for the functions that run in the browser (the kit's type check has no DOM library). */
declare const getComputedStyle: (element: unknown, pseudo?: string) => { content: string; overflowX: string };
declare const location: { hash: string };

let browser: Browser;
let out: string;
let fay: SubmissionResult;
let hal: SubmissionResult;

/** Opens a page over file:// with every other request refused and recorded, and every console error and page error kept. */
async function open(file: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  await page.route(/^(?!file:)/, (route) => {
    problems.push(`external request: ${route.request().url()}`);
    return route.abort();
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, problems };
}

/** Per figure: its id, caption, text alternative, and how many drawn paths sit inside its plot area. */
function figures(page: Page) {
  return page.$$eval('figure.plot', (nodes) =>
    nodes.map((figure) => {
      const svg = figure.querySelector('svg');
      // The plotting areas: one per view (a concatenated plot has several); legends' backgrounds are empty.
      const areas = [...(svg?.querySelectorAll('path.background') ?? [])]
        .map((path) => path.getBoundingClientRect())
        .filter((box) => box.width > 0 && box.height > 0);
      const inside = [...(svg?.querySelectorAll('.role-mark path') ?? [])].filter((path) => {
        const d = path.getAttribute('d') ?? '';
        const box = path.getBoundingClientRect();
        const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
        return (
          d.length > 0 &&
          !/^M0,0h0v0h0Z$/.test(d) &&
          areas.some(
            (area) =>
              centre.x >= area.left - 1 &&
              centre.x <= area.right + 1 &&
              centre.y >= area.top - 1 &&
              centre.y <= area.bottom + 1,
          )
        );
      });
      return {
        id: figure.id,
        caption: figure.querySelector('figcaption')?.textContent?.trim() ?? '',
        label: figure.querySelector('[role="img"]')?.getAttribute('aria-label') ?? '',
        hasSvg: svg !== null,
        paths: inside.length,
        width: svg?.getBoundingClientRect().width ?? 0,
      };
    }),
  );
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) return;
  out = mkdtempSync(join(tmpdir(), 'report-browser-'));
  // The submission sits in a folder whose name makes a long replay command.
  const graded = await gradedVariant(
    'fay-sequential',
    SEQUENTIAL_STEP,
    join(mkdtempSync(join(tmpdir(), 'report-browser-class-')), `a class folder with a long name, ${'x'.repeat(60)}`),
  );
  fay = graded.result;
  const mallory = await gradedVariant('mallory', { file: '01-cost/cost.ts', from: /^[\s\S]*$/, to: HOSTILE_COST });
  // Graded on 07–09 too, with the sample deviation: the report carries their plots.
  hal = (
    await gradedVariant(
      'hal-beyond',
      {
        file: '07-feature-scaling/feature-scaling.ts',
        from: '(deviationSum * deviationSum) / n) / n)',
        to: '(deviationSum * deviationSum) / n) / (n - 1))',
      },
      undefined,
      { exercises: readAssignment(join(KIT_ROOT, 'assignments', 'beyond-the-seeds.json')).exercises },
    )
  ).result;
  const class_ = [fay, buggyResult('ada'), passingResult('grace')];
  await Promise.all([
    writeStudentReport(fay, join(out, fay.studentId), graded.submission),
    writeStudentReport(buggyResult('ada'), join(out, 'ada')),
    writeStudentReport(passingResult('grace'), join(out, 'grace')),
    writeStudentReport(mallory.result, join(out, 'mallory'), mallory.submission),
    writeStudentReport(hal, join(out, 'hal-beyond')),
  ]);
  const feedback = spawnSync(
    process.execPath,
    ['-r', 'ts-node/register', join(__dirname, 'write-feedback-page.ts'), join(out, 'feedback', 'report.html')],
    { cwd: KIT_ROOT, encoding: 'utf8', timeout: 60_000 },
  );
  if (feedback.status !== 0) throw new Error(`write-feedback-page.ts: ${feedback.stderr}`);
  await writeClassSummary(class_, out, {
    failures: [
      {
        studentId: 'zed-empty',
        message: 'grader: zed-empty holds no exercise files (expected 01-cost/cost.ts or exercises/01-cost/cost.ts)',
      },
    ],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!existsSync(CHROMIUM))('the reports in a browser', () => {
  it('shows a student report with its headings, tables and plots, offline and without errors', async () => {
    const { page, problems } = await open(join(out, 'fay-sequential', 'report.html'));
    expect(await page.locator('h1').innerText()).toBe('Report for fay-sequential');
    const headings = await page.locator('h2').allInnerTexts();
    for (const heading of [
      'Start here',
      'Score per exercise',
      'Your code at work',
      'Hidden checks',
      'How this was graded',
    ])
      expect(headings).toContain(heading);
    expect(headings.some((h) => h.includes('03-step · One step of gradient descent'))).toBe(true);

    expect(await page.locator('table.scores tbody tr').count()).toBe(fay.exercises.length);
    expect(await page.locator('table.scores tfoot').innerText()).toContain(`${fay.score} / ${fay.maxScore}`);
    expect(await page.locator('#exercise-03-step .callout.diagnosis h3').innerText()).toBe(
      fay.exercises.find((e) => e.exercise === '03-step')!.diagnosis!.name,
    );
    const failure = page.locator('#exercise-03-step article.failure').first();
    expect(await failure.locator('table.points thead').innerText()).toMatch(/X\s+Y/i);
    expect(await failure.locator('table.points tbody tr').count()).toBeGreaterThan(0);
    expect(await failure.locator('table.compare tbody th').allInnerTexts()).toEqual(['m', 'b']);
    expect(await failure.innerText()).toMatch(/Tolerance used: [\d.e+-]+\. Observed error: [\d.e+-]+\./);
    expect(await failure.locator('pre code').innerText()).toContain('--check 03-step/');
    expect(await page.locator('#how-heading ~ table tbody tr').count()).toBe(fay.isolation.length);

    const plots = await figures(page);
    expect(plots.map((p) => p.id)).toEqual([
      'plot-data-fit',
      'plot-cost-curve',
      'plot-valley-path',
      'plot-learning-rates',
      expect.stringMatching(/^plot-counterexample-03-step-/),
    ]);
    for (const plot of plots) {
      expect(plot.hasSvg, plot.id).toBe(true);
      expect(plot.paths, plot.id).toBeGreaterThan(0);
      expect(plot.caption.length, plot.id).toBeGreaterThan(40);
      expect(plot.label.length, plot.id).toBeGreaterThan(40);
      expect(plot.width, plot.id).toBeGreaterThan(300);
    }

    expect(await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name))).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'report-student.png'), fullPage: true });
    await page
      .locator('#plots-heading')
      .locator('..')
      .screenshot({ path: join(SCREENSHOTS, 'report-student-plots.png') });
    await failure.screenshot({ path: join(SCREENSHOTS, 'report-student-failure.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('draws the plots of 07–11 in a report of an assignment that grades them, each with its marks, caption and label', async () => {
    const { page, problems } = await open(join(out, 'hal-beyond', 'report.html'));
    const plots = await figures(page);
    expect(plots.map((p) => p.id)).toEqual(
      expect.arrayContaining([
        'plot-scaling-level-sets',
        'plot-scaling-iterations',
        'plot-multivariate-cost',
        'plot-normal-equation-predictions',
        'plot-mini-batch-costs',
        'plot-momentum-paths',
        'plot-momentum-distance',
        'plot-momentum-limit',
      ]),
    );
    for (const plot of plots) {
      expect(plot.hasSvg, plot.id).toBe(true);
      expect(plot.paths, plot.id).toBeGreaterThan(0);
      expect(plot.caption.length, plot.id).toBeGreaterThan(40);
      expect(plot.label.length, plot.id).toBeGreaterThan(40);
      expect(plot.width, plot.id).toBeGreaterThan(300);
    }
    expect(plots.find((p) => p.id === 'plot-scaling-level-sets')!.caption).toContain(
      'Your fitScaler’s scaler of data.csv differs from the reference’s',
    );
    await page
      .locator('#plots-heading')
      .locator('..')
      .screenshot({ path: join(SCREENSHOTS, 'report-beyond-plots.png') });
    const violations = await axeViolations(page);
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the class summary with its histogram, tables and links to every report', async () => {
    const { page, problems } = await open(join(out, 'summary.html'));
    expect(await page.locator('h1').innerText()).toBe('Class summary');
    const headings = await page.locator('h2').allInnerTexts();
    expect(headings).toEqual([
      'Scores',
      'Pass rate per exercise',
      'Most common misconceptions',
      'Students',
      'Pass rate per check',
    ]);

    const [histogram] = await figures(page);
    expect(histogram.id).toBe('plot-score-histogram');
    expect(histogram.paths).toBeGreaterThan(0);
    expect(histogram.label).toContain('Histogram');

    expect(await page.locator('#exercises-heading ~ table tbody tr').count()).toBe(6);
    const misconceptions = await page.locator('#misconceptions-heading ~ table').first().innerText();
    expect(misconceptions).toContain('You updated m first');
    expect(misconceptions).toContain('You forgot the factor 2');
    const links = await page
      .locator('table.students tbody a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(links).toHaveLength(3);
    for (const link of links) expect(existsSync(new URL(link, pathToFileURL(join(out, 'summary.html'))))).toBe(true);
    expect(
      await page.locator('#students-heading ~ table, #students-heading ~ h3 + table').last().innerText(),
    ).toContain('zed-empty');

    await page.screenshot({ path: join(SCREENSHOTS, 'report-summary.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it.each([
    ['the student report', 'fay-sequential/report.html'],
    ['the instructor report, with the code beside the feedback', 'fay-sequential/instructor.html'],
    ['the class summary', 'summary.html'],
    ["the handout's feedback page", 'feedback/report.html'],
  ])('has no serious or critical accessibility violation in %s (axe-core)', async (_, file) => {
    const { page, problems } = await open(join(out, file));
    const violations = await axeViolations(page);
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('never says pass or fail by colour alone: every coloured chip, icon and bar has a word, a symbol or a number beside it', async () => {
    const wordless = (texts: string[]) => texts.filter((text) => !/[\p{L}\p{N}✓✗◐○!]/u.test(text));
    for (const file of ['fay-sequential/report.html', 'fay-sequential/instructor.html', 'summary.html']) {
      const { page } = await open(join(out, file));
      const texts = (selector: string) => page.$$eval(selector, (els) => els.map((el) => el.textContent ?? ''));
      expect(wordless(await texts('.chip')), `${file}: chips`).toEqual([]);
      expect(wordless(await texts('table.checks td.icon')), `${file}: check icons`).toEqual([]);
      expect(
        (await texts('strong.short')).filter((t) => !t.includes('✗')),
        `${file}: short scores`,
      ).toEqual([]);
      const bars = await page.$$eval('.bar', (els) =>
        els.map((bar) => ({
          label: bar.closest('[aria-label]')?.getAttribute('aria-label') ?? '',
          beside: bar.closest('tr, .total, .rate')?.textContent ?? '',
        })),
      );
      expect(
        bars.filter((b) => !b.label || wordless([b.beside]).length),
        `${file}: bars`,
      ).toEqual([]);
      const markers = await page.$$eval('.line.fault .ln', (els) =>
        els.map((ln) => getComputedStyle(ln, '::before').content),
      );
      expect(
        markers.filter((m) => m !== '"▸ "'),
        `${file}: lines at fault`,
      ).toEqual([]);
      await page.close();
    }
  });

  it('gives every plot a caption that states its finding and its numbers as a table', async () => {
    for (const file of ['fay-sequential/report.html', 'summary.html']) {
      const { page } = await open(join(out, file));
      const plots = await page.$$eval('figure.plot', (figures) =>
        figures.map((figure) => ({
          id: figure.id,
          caption: figure.querySelector('figcaption')?.textContent ?? '',
          svgHidden: figure.querySelector('svg')?.getAttribute('aria-hidden'),
          label: figure.querySelector('[role="img"]')?.getAttribute('aria-label') ?? '',
          columns: [...figure.querySelectorAll('details.plot-data thead th')].map((th) => th.textContent),
          rows: figure.querySelectorAll('details.plot-data tbody tr').length,
        })),
      );
      expect(plots.length, file).toBeGreaterThan(0);
      for (const plot of plots) {
        expect(plot.caption.length, plot.id).toBeGreaterThan(40);
        expect(plot.label.length, plot.id).toBeGreaterThan(40);
        expect(plot.svgHidden, plot.id).toBe('true');
        expect(plot.columns.length, plot.id).toBeGreaterThanOrEqual(2);
        expect(plot.rows, plot.id).toBeGreaterThan(1);
      }
      await page.close();
    }
  });

  it.each([1200, 420])('shows every replay command whole in its box, %i px wide', async (width) => {
    const { page } = await open(join(out, 'fay-sequential', 'instructor.html'));
    await page.setViewportSize({ width, height: 900 });
    const boxes = await page.$$eval('pre.command', (pres) =>
      pres.map((pre) => ({
        text: pre.textContent ?? '',
        fits: pre.scrollWidth <= pre.clientWidth,
        insideArticle: pre.getBoundingClientRect().right <= pre.closest('article')!.getBoundingClientRect().right,
      })),
    );
    expect(boxes.length).toBeGreaterThan(0);
    for (const box of boxes) {
      expect(box.text).toContain('a class folder with a long name');
      // Whole in view: a box that only scrolls looks clipped where scroll bars are hidden until used.
      expect(box.fits, box.text).toBe(true);
      expect(box.insideArticle, box.text).toBe(true);
    }
    await page.close();
  });

  it("takes the instructor from a failing check to the function at fault in the student's code", async () => {
    const { page, problems } = await open(join(out, 'fay-sequential', 'instructor.html'));
    const link = page.locator('#exercise-03-step article.failure .code-links a').first();
    expect(await link.innerText()).toMatch(/^step, lines \d+–\d+$/);
    await link.click();
    expect(await page.evaluate(() => location.hash)).toBe('#code-03-step-step');
    const line = page.locator('#code-03-step-step').locator('..');
    expect(await line.innerText()).toMatch(/export function step\(/);
    await expect.poll(() => line.isVisible()).toBe(true);
    const [lineBox, listingBox] = await Promise.all([
      line.boundingBox(),
      page.locator('#code-03-step pre.code').boundingBox(),
    ]);
    expect(lineBox!.y).toBeGreaterThanOrEqual(listingBox!.y);
    expect(lineBox!.y + lineBox!.height).toBeLessThanOrEqual(listingBox!.y + listingBox!.height);
    expect(lineBox!.y).toBeGreaterThanOrEqual(0);
    expect(lineBox!.y).toBeLessThan(900);
    await page.locator('#exercise-03-step').screenshot({ path: join(SCREENSHOTS, 'report-instructor-code.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('renders a hostile student file as inert text: no script runs, no element it writes appears', async () => {
    const { page, problems } = await open(join(out, 'mallory', 'instructor.html'));
    expect(await page.title()).toBe('Gradient descent: instructor report for mallory');
    expect(await page.locator('script, img, [onerror]').count()).toBe(0);
    const code = await page.locator('#code-01-cost pre.code').innerText();
    expect(code).toContain("</code></pre><script>document.title = 'pwned'</script><pre><code>");
    expect(code).toContain('{{constructor.constructor}} {{{css}}}');
    expect(code).toContain('\\u202e');
    expect(problems).toEqual([]);
    await page.close();
  });
});

/** What the tests use of axe-core's API (axe.d.ts types it in full, with the DOM library this project does not load). */
interface Axe {
  run(): Promise<{
    violations: { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary: string }[] }[];
  }>;
}

/** axe-core's violations on the page as it is: the library is injected from the kit's own node_modules, nothing is fetched. */
async function axeViolations(page: Page): Promise<{ id: string; impact: string; help: string; nodes: string[] }[]> {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => (globalThis as unknown as { axe: Axe }).axe.run());
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
  }));
}
