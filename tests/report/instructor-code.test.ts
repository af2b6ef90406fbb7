import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { KIT_ROOT } from '../../grader/data/paths';
import { exportedDeclarations } from '../../grader/report/_declarations';
import { renderInstructorReport, renderStudentReport, writeStudentReport } from '../../grader/report';
import { shellQuote } from '../../grader/shipped/results/replay';
import type { SubmissionResult } from '../../grader/shipped/results/model';
import type { Submission } from '../../grader/shipped/submission/read-submission';
import { HOSTILE_COST } from './hostile-code';
import { gradedVariant, SEQUENTIAL_STEP } from './real-results';

/** The text of an HTML fragment with its tags taken out and its entities read back. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#x60;/g, '`')
    .replace(/&#x3D;/g, '=')
    .replace(/&amp;/g, '&');
}

/** The code listing beside one exercise, one entry per line, each with its number, anchors, marking and text. */
function listing(html: string, exercise: string) {
  const aside = new RegExp(`<aside class="source" id="code-${exercise}"[\\s\\S]*?</aside>`).exec(html)?.[0] ?? '';
  return [
    ...aside.matchAll(/<span class="line( fault)?"><span class="ln" aria-hidden="true">(\d+)<\/span>(.*?)\n/g),
  ].map(([, fault, number, rest]) => ({
    number: Number(number),
    fault: fault !== undefined,
    anchors: [...rest.matchAll(/<span class="anchor" id="([^"]+)"><\/span>/g)].map((m) => m[1]),
    text: textOf(rest),
    html: rest,
  }));
}

describe('the instructor’s report beside the student’s code', () => {
  let fay: { result: SubmissionResult; submission: Submission };
  let html: string;
  let markdown: string;

  beforeAll(async () => {
    fay = await gradedVariant('fay', SEQUENTIAL_STEP);
    ({ html, markdown } = await renderInstructorReport(fay.result, fay.submission));
  });

  it('shows every exercise file, coloured, and links each failing check to the function it called', () => {
    for (const exercise of fay.result.exercises) {
      const lines = listing(html, exercise.exercise);
      const source = readFileSync(
        join(fay.submission.root, exercise.exercise, exercise.file.split('/').at(-1)!),
        'utf8',
      );
      expect(lines.map((l) => l.text).join('\n'), exercise.exercise).toBe(source.replace(/\n$/, ''));
    }
    const step = listing(html, '03-step');
    expect(step.some((l) => /<span style="color:#[0-9A-Fa-f]{6}">export\b/.test(l.html))).toBe(true);
    const declared = step.find((l) => l.anchors.includes('code-03-step-step'))!;
    expect(declared.text).toMatch(/^export function step\(/);
    const marked = step.filter((l) => l.fault).map((l) => l.number);
    const end = step.find((l) => l.number > declared.number && l.text === '}')!.number;
    expect(marked).toEqual(Array.from({ length: end - declared.number + 1 }, (_, i) => declared.number + i));

    const failing = fay.result.exercises
      .find((e) => e.exercise === '03-step')!
      .checks.filter((c) => c.status === 'fail');
    expect(failing.length).toBeGreaterThan(0);
    const links = [...html.matchAll(/<a href="#code-03-step-step"><code>step<\/code>, lines (\d+)–(\d+)<\/a>/g)];
    expect(links).toHaveLength(failing.length);
    for (const [, from, to] of links) expect([Number(from), Number(to)]).toEqual([declared.number, end]);
    // Exercises that pass have their code, but nothing marked.
    expect(listing(html, '01-cost').some((l) => l.fault)).toBe(false);
  });

  it('prints replay commands with the submission’s real folder, and keeps the student’s report free of the code and the folder', async () => {
    const replays = [...html.matchAll(/<pre class="command"><code>([^<]*)<\/code><\/pre>/g)].map((m) => textOf(m[1]));
    expect(replays.length).toBeGreaterThan(0);
    for (const replay of replays)
      expect(replay).toMatch(new RegExp(`^npm run check -- ${fay.submission.root} --check `));
    expect(markdown).toContain(`npm run check -- ${fay.submission.root} --check 03-step/`);
    expect(markdown).not.toContain('<submission> --check');

    const student = await renderStudentReport(fay.result);
    expect(student.html).not.toContain('class="source"');
    expect(student.html).not.toContain(fay.submission.root);
    expect(student.html).not.toContain('learningRate * computeGradient(points, { m, b: line.b })');
  });

  it('leaves the code out, and says why, when the file changed after grading', async () => {
    const path = join(fay.submission.root, '03-step', 'step.ts');
    const graded = readFileSync(path, 'utf8');
    writeFileSync(path, `${graded}\n// edited after grading\n`);
    try {
      const { html: after } = await renderInstructorReport(fay.result, fay.submission);
      expect(listing(after, '03-step')).toEqual([]);
      expect(after).toContain(
        '&lt;submission&gt;/03-step/step.ts changed after it was graded, so it is not shown here.',
      );
      expect(listing(after, '02-gradient').length).toBeGreaterThan(0);
    } finally {
      writeFileSync(path, graded);
    }
  });

  it('writes instructor.html with the code when the batch passes the submission', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'instructor-code-'));
    await writeStudentReport(fay.result, dir, fay.submission);
    expect(readdirSync(dir)).toContain('instructor.html');
    expect(listing(readFileSync(join(dir, 'instructor.html'), 'utf8'), '03-step').length).toBeGreaterThan(0);
  });
});

describe('a student file that is hostile text', () => {
  it('renders inert, coloured or plain: its markup escaped, its handlebars shown as text, its invisible characters made visible', async () => {
    const { result, submission } = await gradedVariant('mallory', {
      file: '01-cost/cost.ts',
      from: /^[\s\S]*$/,
      to: HOSTILE_COST,
    });
    expect(submission.files['01-cost'].state).toBe('found');
    const cost = result.exercises.find((e) => e.exercise === '01-cost')!;
    expect(cost.score).toBeLessThan(cost.maxScore);
    // As it lost points (coloured, declarations found), and as if it had passed (plain text).
    const passed = {
      ...result,
      exercises: result.exercises.map((e) => (e === cost ? { ...e, score: e.maxScore } : e)),
    };
    for (const [shown, graded] of [
      ['coloured', result],
      ['plain', passed],
    ] as const) {
      const { html } = await renderInstructorReport(graded, submission);
      expect(html, shown).not.toMatch(/<script/i);
      expect(html, shown).not.toMatch(/<img/i);
      expect(html, shown).not.toMatch(/<\/pre><script/);
      expect(html, shown).toContain('{{constructor.constructor}} {{{css}}} {{&gt; partial}} {{#each this}}x{{/each}}');

      const lines = listing(html, '01-cost');
      expect(lines.map((l) => l.text)).toEqual([
        `import type { Line, Point } from '../types';`,
        `// </code></pre><script>document.title = 'pwned'</script><pre><code>`,
        `/* {{constructor.constructor}} {{{css}}} {{> partial}} {{#each this}}x{{/each}} */`,
        `const banner = "</aside><img src=x onerror=\\"document.title='pwned'\\">";`,
        `const bidi = 'user\\u202e \\u2066// admin\\u2069 \\u2066'; // \\u200b\\u200d\\ufeff`,
        'const breaks = `lone\\rreturn and\\u2028line separator`;',
        `\texport function computeCost(points: readonly Point[], line: Line): number {`,
        `\tlet sum = 0;`,
        `\tfor (const { x, y } of points) sum += (y - (line.m * x + line.b)) ** 2;`,
        `\treturn (2 * sum) / points.length + banner.length * 0 + bidi.length * 0 + breaks.length * 0;`,
        `}`,
      ]);
      expect(lines[4].html, shown).toContain('class="escaped"');
      expect(lines[5].html, shown).toContain('class="escaped"');
      expect(
        lines.some((l) => /style="color:/.test(l.html)),
        shown,
      ).toBe(shown === 'coloured');
    }
    // Lines are counted as the listing shows them (a lone CR and U+2028 do not end one), so the anchor lands on the declaration.
    const lines = listing((await renderInstructorReport(result, submission)).html, '01-cost');
    expect(lines.find((l) => l.anchors.includes('code-01-cost-computecost'))?.number).toBe(7);
  });

  it('is coloured only where points were lost: a file that passes is shown as plain text', async () => {
    const { result, submission } = await gradedVariant('fay', SEQUENTIAL_STEP);
    const { html } = await renderInstructorReport(result, submission);
    expect(listing(html, '03-step').some((l) => /style="color:/.test(l.html))).toBe(true);
    expect(listing(html, '01-cost').some((l) => /style=/.test(l.html))).toBe(false);
    expect(listing(html, '01-cost').length).toBeGreaterThan(0);
  });
});

describe('exportedDeclarations', () => {
  const lines = (source: string, names: string[]) =>
    exportedDeclarations(source, names).map(({ name, start, end }) => `${name} ${start}-${end}`);

  it('finds every way an export is declared, and leaves out what it cannot find', () => {
    const source = [
      '/** Doc. */', // 1
      'export function a(x: number): number;', // 2
      'export function a(x: string): string;', // 3
      'export function a(x: any) {', // 4
      '  return x;', // 5
      '}', // 6
      'export const b = (x: number) =>', // 7
      '  x * 2;', // 8
      'export const c = 1, d = function () {', // 9
      '  return 3;', // 10
      '};', // 11
      'function local() {', // 12
      '  return 4;', // 13
      '}', // 14
      'export { local as e };', // 15
      "export { f } from './other';", // 16
      'exports.g = () => 5;', // 17
      'module.exports.h = function () {', // 18
      '  return 6;', // 19
      '};', // 20
      'export class K {}', // 21
    ].join('\n');
    expect(lines(source, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'K', 'missing'])).toEqual([
      'a 2-6',
      'b 7-8',
      'c 9-9',
      'd 9-11',
      'e 12-14',
      'f 16-16',
      'g 17-17',
      'h 18-20',
      'K 21-21',
    ]);
  });

  it('counts lines at \\n and \\r\\n only, as the highlighted listing does', () => {
    expect(lines('const a = `x\ry\u2028z`;\r\nexport function f() {\r\n}\r\n', ['f'])).toEqual(['f 2-3']);
  });
});

describe('a replay command as printed', () => {
  it('quotes any folder name into one shell word that means exactly that name', () => {
    const names = [
      'plain/path-1.2',
      "it's here",
      'a "b" $(touch pwned) `c` \\d',
      'tab\there',
      'new\nline',
      'bidi\u202eevil',
      'é ü',
    ];
    for (const name of names) {
      const quoted = shellQuote(name);
      expect(quoted).not.toMatch(/[\n\t\u202e]/);
      const echoed = spawnSync('bash', ['-c', `printf '%s' ${quoted}`], { encoding: 'utf8' });
      expect(echoed.stdout, name).toBe(name);
    }
  });

  it.skipIf(!existsSync('/bin/bash'))(
    'runs as printed on the instructor’s report, whatever the folder is called',
    async () => {
      const parent = join(mkdtempSync(join(tmpdir(), 'replay-')), `it's a "class" $(touch pwned)`);
      const graded = await gradedVariant('fay', SEQUENTIAL_STEP, parent);
      const { html } = await renderInstructorReport(graded.result, graded.submission);
      const command = textOf(/<pre class="command"><code>([^<]*)<\/code><\/pre>/.exec(html)![1]);
      const run = spawnSync('bash', ['-c', command], { cwd: KIT_ROOT, encoding: 'utf8', timeout: 120_000 });
      expect(run.status, run.stderr).toBe(1);
      expect(run.stdout).toContain('03-step');
      expect(run.stdout).toMatch(/0\/15|0 \/ 15|✗/);
      expect(existsSync(join(KIT_ROOT, 'pwned'))).toBe(false);
    },
    150_000,
  );
});
