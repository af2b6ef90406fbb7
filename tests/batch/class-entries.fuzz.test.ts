import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import Handlebars from 'handlebars';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FULL_RESULT_FILE, validateFolders } from '../../grader/batch/grade-class';
import { JOURNAL_FILE } from '../../grader/batch/journal';
import { EXIT } from '../../grader/cli/exit-codes';
import { main as grade } from '../../grader/cli/grade';
import { closeSubmissionPorts } from '../../grader/sandbox/open-port';
import { printable } from '../../grader/shipped/output/printable';
import { studentFolders } from '../../grader/output/student-folder';
import { HTML_TEXT, MARKDOWN_TEXT } from '../../grader/shipped/report/text';

import { captureOutput } from './_support';
import { KIT_ROOT } from '../../grader/data/paths';

/*
 * A fuzzer over what a submissions folder can hold: entries of any name (the class files' names,
 * dot names, CR, LF, tabs, terminal escapes, bidi overrides, names that differ only by case or by
 * Unicode normalisation, names that are not UTF-8, the longest names the disk allows) and any kind
 * (a folder with work, an empty one, a folder whose exercises are links to the solutions or to a
 * classmate, a file, a pipe, a link to the solutions, to a classmate, or to nothing). Each run puts
 * a few of them beside two ordinary students and runs `npm run grade` in-process, twice (the second
 * run resumes from the journal), and checks that every entry is graded or named as not gradable
 * with its reason, that the class files exist and parse with one gradebook row per entry, that no
 * output a person reads holds a control character, and that the ordinary students are graded
 * exactly as alone.
 */

const SEED = 777;
const SAMPLE = join(KIT_ROOT, 'examples', 'sample-class');
const SOLUTIONS = join(KIT_ROOT, 'solutions');
const NORMALS = { 'n-ada': join(SAMPLE, 'ada-complete'), 'n-dee': join(SAMPLE, 'dee-wrong-sign') } as const;
const scratch = mkdtempSync(join(tmpdir(), 'class-entries-fuzz-'));
afterAll(async () => {
  await closeSubmissionPorts();
  rmSync(scratch, { recursive: true, force: true });
});

type Kind =
  | 'work'
  | 'empty'
  | 'file'
  | 'fifo'
  | 'link-to-solutions'
  | 'link-to-classmate'
  | 'broken-link'
  | 'exercises-link'
  | 'exercise-link-to-classmate';
/** What the grader must make of each kind: graded (with what it must not gain) or not gradable. */
const GRADED: Partial<Record<Kind, 'some' | 'zero' | 'zero-01'>> = {
  work: 'some',
  'exercises-link': 'zero',
  'exercise-link-to-classmate': 'zero-01',
};
const KINDS = [
  'work',
  'empty',
  'file',
  'fifo',
  'link-to-solutions',
  'link-to-classmate',
  'broken-link',
  'exercises-link',
  'exercise-link-to-classmate',
] as const satisfies readonly Kind[];

/** Characters a person's reader acts on: what no report, CSV or terminal line may hold. */
const UNSAFE =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u2028\u2029\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;

const SPECIAL_NAMES = [
  'summary.html',
  'summary.md',
  'gradebook.csv',
  JOURNAL_FILE,
  '.hidden',
  '..a',
  '...',
  ' ',
  'Ada',
  'ada',
  'N-ADA',
  'Jos\u00e9',
  'Jose\u0301',
  'line\nfeed',
  'carriage\rreturn',
  'both\r\nends',
  'tab\there',
  '\x1b[2J\x1b]52;c;ZXZpbA==\x07',
  'right\u202eleft',
  'zero\u200bwidth',
  'tag\u{e0041}s',
  'next\u0085line',
  'sep\u2028arator',
  'con',
  'NUL.txt',
  '-rf',
  '=1+1',
  '"quoted", comma; semi',
  'pipe|cell',
  '[link](x)',
  '<b>bold</b>',
  '**star**',
  'n-ada~0123456789ab',
  'x'.repeat(255),
  '\u00e9'.repeat(127),
  'trailing.',
  'back\\slash',
  'per%20cent',
];

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** A name the disk accepts: no slash or NUL, not . or .., well-formed, at most 255 bytes. */
const isValidName = (name: string) =>
  name.length > 0 &&
  name !== '.' &&
  name !== '..' &&
  !/[/\u0000]/.test(name) &&
  !LONE_SURROGATE.test(name) &&
  Buffer.byteLength(name) <= 255 &&
  !(name in NORMALS);
const nameArb = fc
  .oneof(
    { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_NAMES) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }) },
  )
  .filter(isValidName);

interface Entry {
  readonly name: string;
  readonly kind: Kind;
}
const entriesArb = fc.record({
  entries: fc.uniqueArray(fc.record({ name: nameArb, kind: fc.constantFrom(...KINDS) }), {
    minLength: 2,
    maxLength: 8,
    selector: (e) => e.name,
  }),
  /** A folder whose name is not UTF-8 (these bytes decode to U+FFFD). */
  notUtf8: fc.option(fc.integer({ min: 0x80, max: 0xff }), { nil: undefined, freq: 2 }),
});

function makeEntry(classDir: string, { name, kind }: Entry): void {
  const path = join(classDir, name);
  switch (kind) {
    case 'work':
      cpSync(join(SAMPLE, 'dee-wrong-sign', '01-cost'), join(path, '01-cost'), { recursive: true });
      return;
    case 'empty':
      mkdirSync(path);
      return;
    case 'file':
      writeFileSync(path, 'not a folder');
      return;
    case 'fifo':
      if (spawnSync('mkfifo', [path]).status !== 0) throw new Error(`mkfifo ${JSON.stringify(path)} failed`);
      return;
    case 'link-to-solutions':
      symlinkSync(SOLUTIONS, path);
      return;
    case 'link-to-classmate':
      symlinkSync('n-ada', path);
      return;
    case 'broken-link':
      symlinkSync(join(scratch, 'nothing-here'), path);
      return;
    case 'exercises-link':
      mkdirSync(path);
      symlinkSync(SOLUTIONS, join(path, 'exercises'));
      return;
    case 'exercise-link-to-classmate':
      cpSync(join(SAMPLE, 'dee-wrong-sign', '02-gradient'), join(path, '02-gradient'), { recursive: true });
      symlinkSync(join(classDir, 'n-ada', '01-cost'), join(path, '01-cost'));
      return;
  }
}

/** `npm run grade` in-process, with what it prints. */
const runGrade = (args: readonly string[]) =>
  captureOutput(() => grade([...args, '--seed', String(SEED), '--jobs', '2', '--no-plots']));

type Row = Record<string, string>;
const gradebookRows = (outDir: string): Row[] =>
  (parse(readFileSync(join(outDir, 'gradebook.csv'), 'utf8'), { columns: true }) as Row[]).slice(1);
const exerciseCells = (row: Row) => Object.entries(row).filter(([column]) => /^0\d-/.test(column));

/** Every file a person reads (Markdown, CSV, HTML, XML), with its path. */
function readableOutputs(outDir: string): [string, string][] {
  return readdirSync(outDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(md|csv|html|xml)$/.test(e.name))
    .map((e) => [join(e.parentPath, e.name), readFileSync(join(e.parentPath, e.name), 'utf8')]);
}

let baseline: Row[];
beforeAll(async () => {
  const alone = join(scratch, 'alone');
  for (const [name, source] of Object.entries(NORMALS)) cpSync(source, join(alone, name), { recursive: true });
  const run = await runGrade([alone, '--out', join(scratch, 'alone-out')]);
  expect(run.code).toBe(EXIT.OK);
  baseline = gradebookRows(join(scratch, 'alone-out'));
  expect(baseline.map((r) => r['Student'])).toEqual(['n-ada', 'n-dee']);
}, 60_000);

describe('a submissions folder with entries of any name and kind', () => {
  it('grades each entry or names it as not gradable, keeps the class files whole, prints nothing raw and changes nobody else’s grade', async () => {
    let runNumber = 0;
    await fc.assert(
      fc.asyncProperty(entriesArb, async ({ entries, notUtf8 }) => {
        const classDir = join(scratch, `class-${runNumber}`);
        const outDir = join(scratch, `out-${runNumber++}`);
        for (const [name, source] of Object.entries(NORMALS)) cpSync(source, join(classDir, name), { recursive: true });
        for (const entry of entries) makeEntry(classDir, entry);
        const badName = notUtf8 === undefined ? [] : [Buffer.from([0x62, 0x61, 0x64, notUtf8])];
        for (const bytes of badName) mkdirSync(Buffer.concat([Buffer.from(`${classDir}/`), bytes]));
        const ids = [...Object.keys(NORMALS), ...entries.map((e) => e.name), ...badName.map((b) => b.toString('utf8'))];
        const expectedGraded = [...Object.keys(NORMALS), ...entries.filter((e) => GRADED[e.kind]).map((e) => e.name)];
        const notGradable = ids.filter((id) => !expectedGraded.includes(id));

        const first = await runGrade([classDir, '--out', outDir]);

        // Every entry is graded or named, on stderr and in the summary, with a reason; the exit code says which.
        expect(first.code).toBe(notGradable.length ? EXIT.PARTIAL : EXIT.OK);
        expect(first.stdout).toContain(`Graded ${expectedGraded.length}/${ids.length} students`);
        const summaryMd = readFileSync(join(outDir, 'summary.md'), 'utf8');
        const summaryHtml = readFileSync(join(outDir, 'summary.html'), 'utf8');
        for (const id of notGradable) {
          expect(first.stderr, id).toMatch(
            new RegExp(`^grade: ${escapeRegExp(printable(id))}/? (is|has|disappeared).+: .+$`, 'm'),
          );
          expect(summaryMd, id).toContain(`\n| ${MARKDOWN_TEXT.text(id)} | `);
          expect(summaryHtml, id).toContain(Handlebars.escapeExpression(HTML_TEXT.text(id)));
        }

        // The gradebook parses into one row per entry, ids in their printable form; graded entries have a total, the others none.
        const rows = gradebookRows(outDir);
        expect(rows.map((r) => r['Student']).sort()).toEqual(ids.map(gradebookId).sort());
        for (const row of rows) expect(row['SIS Login ID']).toBe(row['Student']);
        const rowOf = (id: string) => rows.find((r) => r['Student'] === gradebookId(id))!;
        for (const entry of entries) {
          const row = rowOf(entry.name);
          const gained = GRADED[entry.kind];
          if (!gained) expect(row['Gradient descent exercises'], entry.name).toBe('');
          if (gained === 'zero') expect(row['Gradient descent exercises'], entry.name).toBe('0');
          if (gained === 'zero-01') expect(row['01-cost'], entry.name).toBe('0');
        }

        // The ordinary students are graded exactly as alone.
        for (const normal of baseline) expect(exerciseCells(rowOf(normal['Student']))).toEqual(exerciseCells(normal));

        // Each graded entry's files are its own: its grading.json names it, in the folder the summary links to.
        const folders = studentFolders(ids);
        for (const id of expectedGraded)
          expect(JSON.parse(readFileSync(join(outDir, folders.get(id)!, FULL_RESULT_FILE), 'utf8')).studentId).toBe(id);

        // No control or invisible character in anything a person reads.
        expect(first.stdout.replaceAll('\n', '')).not.toMatch(UNSAFE);
        expect(first.stderr.replaceAll('\n', '')).not.toMatch(UNSAFE);
        for (const [path, text] of readableOutputs(outDir))
          expect(text.replace(/\r?\n/g, ''), path).not.toMatch(UNSAFE);

        // Run again: everyone graded is kept from the journal, and the class files come out the same.
        const gradebook = readFileSync(join(outDir, 'gradebook.csv'), 'utf8');
        const second = await runGrade([classDir, '--out', outDir]);
        expect(second.code).toBe(first.code);
        expect(second.stdout).toContain(`(${expectedGraded.length} unchanged, kept from the journal)`);
        expect(readFileSync(join(outDir, 'gradebook.csv'), 'utf8')).toBe(gradebook);
        expect(readFileSync(join(outDir, 'summary.md'), 'utf8')).toBe(summaryMd);
      }),
      { seed: 1414, numRuns: 20, endOnFailure: true },
    );
  }, 240_000);
});

/** An id as the gradebook shows it: printable, and with a quote before what a spreadsheet would take for a formula. */
function gradebookId(id: string): string {
  const shown = printable(id);
  return /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/.test(shown) ? `'${shown}` : shown;
}

describe('an output folder that an older grader shared with a student named like a class file', () => {
  it('is refused before anything is graded, naming the folder in the way and the fix', async () => {
    const classDir = join(scratch, 'stale');
    const outDir = join(scratch, 'stale-out');
    cpSync(NORMALS['n-dee'], join(classDir, 'summary.html'), { recursive: true });
    mkdirSync(join(outDir, 'summary.html'), { recursive: true });
    const refusal =
      /summary\.html is a folder, where the class's summary\.html goes .*: remove it, or choose another --out/;
    await expect(runGrade([classDir, '--out', outDir])).rejects.toThrow(refusal);
    expect(readdirSync(outDir)).toEqual(['summary.html']);
    expect(() => validateFolders(classDir, outDir)).toThrow(
      expect.objectContaining({ code: 'output-unwritable', message: expect.stringMatching(refusal) }),
    );

    rmSync(join(outDir, 'summary.html'), { recursive: true });
    const again = await runGrade([classDir, '--out', outDir]);
    expect(again.code).toBe(EXIT.OK);
    expect(readdirSync(outDir).sort()).toEqual(
      expect.arrayContaining([
        'gradebook.csv',
        'summary.html',
        'summary.md',
        studentFolders(['summary.html']).get('summary.html')!,
      ]),
    );
  }, 60_000);
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
