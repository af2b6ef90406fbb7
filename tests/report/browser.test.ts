import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeClassSummary, writeStudentReport } from '../../grader/report';
import type { SubmissionResult } from '../../grader/shipped/results/model';
import { buggyResult, passingResult } from './fixtures';
import { gradeVariant, SEQUENTIAL_STEP } from './real-results';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = join(__dirname, '../.screenshots');

let browser: Browser;
let out: string;
let fay: SubmissionResult;

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
  fay = await gradeVariant('fay-sequential', SEQUENTIAL_STEP);
  const class_ = [fay, buggyResult('ada'), passingResult('grace')];
  await Promise.all(class_.map((r) => writeStudentReport(r, join(out, r.studentId))));
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
});
