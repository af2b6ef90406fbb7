import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../grader/cli/exit-codes';
import { main as check } from '../../grader/cli/check';
import { main as grade } from '../../grader/cli/grade';
import { closeSubmissionPorts } from '../../grader/sandbox/open-port';
import { KitError } from '../../grader/shipped/errors';
import { studentFolders } from '../../grader/output/student-folder';
import { readSubmission } from '../../grader/shipped/submission/read-submission';

import { captureOutput } from './_support';
import { KIT_ROOT } from '../../grader/data/paths';

/*
 * Attacks on the batch and its outputs that no other test tries: where a careless class folder
 * puts the submissions, stray folders beside a handout checkout, hard links, permissions, and
 * oxc's syntax errors, which quote the student's own source.
 */

const SEED = 7;
const SAMPLE = join(KIT_ROOT, 'examples', 'sample-class');
const scratch = mkdtempSync(join(tmpdir(), 'batch-red-team-'));
afterAll(async () => {
  await closeSubmissionPorts();
  rmSync(scratch, { recursive: true, force: true });
});

/** Characters a person's reader acts on (as in class-entries.fuzz.test.ts). */
const UNSAFE =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u2028\u2029\ufeff]/u;

const runGrade = (args: readonly string[]) =>
  captureOutput(() => grade([...args, '--seed', String(SEED), '--jobs', '2', '--no-plots']));

describe('a submissions folder inside the output folder', () => {
  // With `--out <dir>` and the submissions in <dir>/class, a student folder named `class` would get
  // its outputs (results.json, grading.json) written into the submissions folder itself, and every
  // later run would list them as entries that are "not gradable": the run is refused instead.
  it('never gets a file written into it, and a second run ends as the first', async () => {
    const outDir = join(scratch, 'nested-out');
    const classDir = join(outDir, 'class');
    cpSync(join(SAMPLE, 'ada-complete'), join(classDir, 'ada'), { recursive: true });
    cpSync(join(SAMPLE, 'dee-wrong-sign'), join(classDir, 'class'), { recursive: true });
    const before = readdirSync(classDir).sort();
    const outcome = async () => {
      try {
        return (await runGrade([classDir, '--out', outDir, '--no-reports'])).code;
      } catch (error) {
        return error instanceof KitError ? error.code : String(error);
      }
    };
    const first = await outcome();
    const second = await outcome();
    expect(readdirSync(classDir).sort()).toEqual(before);
    expect(second).toBe(first);
  }, 60_000);
});

describe('a handout checkout with a stray exercise folder at its top', () => {
  // A folder with both layouts takes the one that holds more exercise files: before, any top-level
  // exercise entry (an empty `05-valley/`) won, and ivy's checkout scored 0 instead of 80.
  it('is graded from exercises/, or told that it holds both layouts; never told its files are missing', () => {
    const dir = join(scratch, 'checkout-with-stray');
    cpSync(join(SAMPLE, 'ivy-handout-checkout'), dir, { recursive: true });
    mkdirSync(join(dir, '05-valley'));
    const cost = readSubmission(dir).files['01-cost'];
    expect(cost.message ?? '').not.toMatch(/was not found/);
  });
});

describe('a student file that is a hard link', () => {
  // A hard link is a regular file for lstat, and its real path lies inside the student's folder, so
  // a file also reachable outside it (here a copy of the solutions elsewhere on the disk) would be
  // graded as the student's. Not reachable through an upload (zip has no hard links), only in a
  // class folder assembled on the grader's disk; its link count (nlink > 1) shows it.
  it('is refused with a message that names it, like any other link', () => {
    const elsewhere = join(scratch, 'elsewhere');
    cpSync(join(KIT_ROOT, 'solutions', '01-cost'), elsewhere, { recursive: true });
    const student = join(scratch, 'hard-linker');
    mkdirSync(join(student, '01-cost'), { recursive: true });
    linkSync(join(elsewhere, 'cost.ts'), join(student, '01-cost', 'cost.ts'));
    expect(readSubmission(student).files['01-cost'].state).not.toBe('found');
  });
});

/** `npm run grade` as a user that file permissions apply to: nobody (via setpriv) when the tests run as root. */
function gradeAsUnprivileged(
  classDir: string,
  outDir: string,
): { status: number | null; stdout: string; stderr: string } | undefined {
  const root = process.getuid?.() === 0;
  if (root && spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'true']).status !== 0)
    return undefined;
  const command = [
    process.execPath,
    join(KIT_ROOT, 'node_modules', 'ts-node', 'dist', 'bin.js'),
    'grader/cli/grade.ts',
    classDir,
    '--out',
    outDir,
    '--seed',
    String(SEED),
    '--no-reports',
    '--jobs',
    '2',
  ];
  const [file, ...args] = root ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...command] : command;
  const run = spawnSync(file, args, {
    cwd: KIT_ROOT,
    encoding: 'utf8',
    env: { ...process.env, HOME: scratch },
    timeout: 120_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('a class with entries the grader may not read', () => {
  const classDir = join(scratch, 'permissions');
  const outDir = join(scratch, 'permissions-out');
  let run: ReturnType<typeof gradeAsUnprivileged> | null = null;
  const graded = () => {
    if (run !== null) return run;
    chmodSync(scratch, 0o755);
    for (const name of ['ada', 'locked', 'unlistable', 'locked-exercise', 'locked-file'])
      cpSync(join(SAMPLE, 'ada-complete'), join(classDir, name), { recursive: true });
    mkdirSync(outDir, { mode: 0o777 });
    chmodSync(outDir, 0o777);
    chmodSync(join(classDir, 'locked'), 0o000);
    chmodSync(join(classDir, 'unlistable'), 0o644);
    chmodSync(join(classDir, 'locked-exercise', '02-gradient'), 0o600);
    chmodSync(join(classDir, 'locked-file', '01-cost', 'cost.ts'), 0o000);
    return (run = gradeAsUnprivileged(classDir, outDir));
  };
  const rowsOf = () =>
    parse(readFileSync(join(outDir, 'gradebook.csv'), 'utf8'), { columns: true }).slice(1) as Record<string, string>[];

  it('names an exercise folder or file it may not read, grades the rest of that student and everyone else, and exits 3', (context) => {
    const result = graded();
    if (!result) return context.skip();
    expect(result.status, result.stderr).toBe(EXIT.PARTIAL);
    const total = (student: string) => rowsOf().find((r) => r['Student'] === student)?.['Gradient descent exercises'];
    expect([total('ada'), total('locked-exercise'), total('locked-file')]).toEqual(['100', '80', '85']);
    const message = (student: string, exercise: string) =>
      readFileSync(join(outDir, student, 'results.json'), 'utf8').match(
        new RegExp(`<submission>/${exercise}[^"]*could not be read \\(EACCES\\): check its permissions`),
      );
    expect(message('locked-exercise', '02-gradient')).not.toBeNull();
    expect(message('locked-file', '01-cost/cost.ts')).not.toBeNull();
  }, 120_000);

  // A student folder the grader may not list (no read or no search permission) is named with the
  // permission error, not as a folder with no exercise in it.
  it('says a student folder it may not list could not be read, and why, not that it has no exercise folder', (context) => {
    const result = graded();
    if (!result) return context.skip();
    for (const student of ['locked', 'unlistable']) {
      expect(result.stderr).toMatch(new RegExp(`^grade: ${student}/? .*(EACCES|permission)`, 'm'));
    }
  }, 120_000);
});

describe('syntax errors that quote the student’s source', () => {
  // oxc quotes names from the source: "Duplicated export 'a…'", "Identifier `…` has already been declared".
  const ESCAPES = '\x1b]0;PWNED\x07\x1b[2J\u202e';
  const MARKUP = '</x>]]> | # <script>x</script> ](y) &amp;';
  const quoting = {
    'duplicated-export': {
      '01-cost/cost.ts': `function f() {}\nexport { f as "a${ESCAPES}${MARKUP}" };\nexport { f as "a${ESCAPES}${MARKUP}" };\n`,
    },
    'enum-member': { '01-cost/cost.ts': `enum E { "${ESCAPES}${MARKUP}" = 1, "${ESCAPES}${MARKUP}" = 2 }\n` },
  };

  it('reach no terminal, report, gradebook, JUnit or JSON output raw, and every output still parses', async () => {
    const classDir = join(scratch, 'quoting');
    const outDir = join(scratch, 'quoting-out');
    for (const [student, files] of Object.entries(quoting)) {
      for (const [path, source] of Object.entries(files)) {
        mkdirSync(join(classDir, student, path, '..'), { recursive: true });
        writeFileSync(join(classDir, student, path), source);
      }
    }
    const markupId = 'a]]>&<"x';
    cpSync(join(SAMPLE, 'dee-wrong-sign'), join(classDir, markupId), { recursive: true });

    const graded = await runGrade([classDir, '--out', outDir]);
    expect(graded.code).toBe(EXIT.OK);
    const folders = studentFolders(readdirSync(classDir));
    const quoted = readFileSync(join(outDir, 'duplicated-export', 'report.md'), 'utf8');
    expect(quoted).toContain('Duplicated export');
    expect(readFileSync(join(outDir, 'enum-member', 'report.md'), 'utf8')).toContain('has already been declared');

    const outputs = readdirSync(outDir, { recursive: true, withFileTypes: true }).filter(
      (e) => e.isFile() && /\.(md|csv|html|xml|json)$/.test(e.name),
    );
    for (const entry of outputs) {
      const path = join(entry.parentPath, entry.name);
      const text = readFileSync(path, 'utf8');
      expect(text.replace(/\r?\n/g, ''), path).not.toMatch(UNSAFE);
      if (entry.name.endsWith('.xml')) expect(XMLValidator.validate(text), path).toBe(true);
      if (entry.name.endsWith('.json')) expect(() => JSON.parse(text), path).not.toThrow();
    }
    expect(parse(readFileSync(join(outDir, 'gradebook.csv'), 'utf8'), { columns: true })).toHaveLength(1 + 3);
    expect(readFileSync(join(outDir, folders.get(markupId)!, 'junit.xml'), 'utf8')).toContain('a]]&gt;&amp;&lt;');

    for (const student of Object.keys(quoting)) {
      const checked = await captureOutput(() => check([join(classDir, student), '--seed', String(SEED)]));
      expect(checked.code).toBe(EXIT.CHECKS_FAILED);
      expect(checked.stdout.replace(/\n/g, ''), student).not.toMatch(UNSAFE);
      expect(checked.stdout, student).toContain('\\x1b]0;PWNED\\x07');
    }
  }, 120_000);
});
