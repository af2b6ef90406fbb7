import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPrintable, printable, printableJson } from '../../grader/shipped/output/printable';
import { studentFolder, studentFolders } from '../../grader/output/student-folder';
import { CLASS_FILES } from '../../grader/batch/grade-class';
import { JOURNAL_FILE } from '../../grader/batch/journal';

/** Characters that a terminal, a CSV or Markdown reader, or an XML parser treats as something other than a glyph. */
const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u2028\u2029\ufeff\ufffe\uffff]|[\u{e0000}-\u{e007f}]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;

/** Any string, weighted towards the characters that attack a reader. */
const hostileText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 4 }),
      fc.string({ unit: 'binary', maxLength: 4 }),
      fc.constantFrom(
        '\x1b[2J',
        '\x1b]0;title\x07',
        '\x1b]52;c;ZXZpbA==\x07',
        '\r',
        '\n',
        '\t',
        '\u009b31m',
        '\u202e',
        '\u2066',
        '\u200b',
        '\ufeff',
        '\u{e0041}',
        '\ud800',
        '\udfff',
        '\ufffe',
        '\x7f',
        '\\x1b',
      ),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

describe('printable', () => {
  it('escapes terminal escape sequences, bidirectional overrides and invisible characters visibly', () => {
    expect(printable('\x1b]52;c;ZXZpbA==\x07\r  ✓ 01-cost 15/15')).toBe('\\x1b]52;c;ZXZpbA==\\x07\\r  ✓ 01-cost 15/15');
    expect(printable('ada\u202eevil\u2066')).toBe('ada\\u202eevil\\u2066');
    expect(printable('a\u200bb\u{e0041}c\u009b')).toBe('a\\u200bb\\u{e0041}c\\x9b');
    expect(printable('lone \ud800 surrogate')).toBe('lone \\ud800 surrogate');
    expect(printable('two\nlines\r\n', { keepNewlines: true })).toBe('two\nlines\\r\n');
    expect(printable('two\nlines')).toBe('two\\nlines');
    expect(printable('José, 👩‍💻? no: 👩\\u200d💻')).toBe('José, 👩\\u200d💻? no: 👩\\u200d💻');
  });

  it('leaves nothing unsafe, is idempotent, and changes printable text not at all', () => {
    fc.assert(
      fc.property(hostileText, fc.boolean(), (text, keepNewlines) => {
        const shown = printable(text, { keepNewlines });
        expect(UNSAFE.test(keepNewlines ? shown.replaceAll('\n', '') : shown)).toBe(false);
        expect(printable(shown, { keepNewlines })).toBe(shown);
        expect(isPrintable(text)).toBe(printable(text) === text);
        if (isPrintable(text)) expect(shown).toBe(text);
      }),
      { seed: 14, numRuns: 2000 },
    );
  });

  it('printableJson parses back to the same value and shows nothing unsafe', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const json = printableJson({ message: text, nested: [text] }, 2);
        expect(JSON.parse(json)).toEqual({ message: text, nested: [text] });
        expect(UNSAFE.test(json.replaceAll('\n', ''))).toBe(false);
      }),
      { seed: 14, numRuns: 2000 },
    );
  });
});

describe('studentFolders', () => {
  it('keeps plain ids as they are, and hashes the rest into a safe name that keeps a readable part', () => {
    expect(studentFolder('ada-complete')).toBe('ada-complete');
    expect(studentFolder('Ada.Lovelace_2')).toBe('Ada.Lovelace_2');
    expect(studentFolder('summary.html')).toMatch(/^summary\.html~[0-9a-f]{12}$/);
    expect(studentFolder('gradebook.csv')).toMatch(/^gradebook\.csv~[0-9a-f]{12}$/);
    expect(studentFolder('.grade-journal.jsonl')).toMatch(/^grade-journal\.jsonl~[0-9a-f]{12}$/);
    expect(studentFolder('José Ñúñez')).toMatch(/^jose-nunez~[0-9a-f]{12}$/);
    expect(studentFolder('a\nb')).toMatch(/^a-b~[0-9a-f]{12}$/);
    expect(studentFolder('..')).toMatch(/^student~[0-9a-f]{12}$/);
    expect(studentFolder('CON')).toMatch(/^con~/);
    const twins = studentFolders(['Ada', 'ada', 'bob']);
    expect(twins.get('bob')).toBe('bob');
    expect(twins.get('Ada')).toMatch(/^ada~/);
    expect(twins.get('ada')).toMatch(/^ada~/);
    expect(twins.get('Ada')).not.toBe(twins.get('ada'));
  });

  it('never gives two ids one folder, even on a case-insensitive disk, and never a class file’s name or an unsafe one', () => {
    const id = fc.oneof(
      hostileText,
      fc.constantFrom(
        ...CLASS_FILES,
        JOURNAL_FILE,
        'ada',
        'Ada',
        'ADA',
        'Jos\u00e9',
        'Jose\u0301',
        '..',
        '.',
        '-rf',
        'nul.txt',
      ),
      fc.stringMatching(/^[A-Za-z0-9._-]{1,80}$/),
    );
    fc.assert(
      fc.property(fc.uniqueArray(id, { minLength: 1, maxLength: 20 }), (ids) => {
        const folders = studentFolders(ids);
        const names = ids.map((i) => folders.get(i)!);
        expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(ids.length);
        for (const name of names) {
          expect(name).toMatch(/^[A-Za-z0-9][A-Za-z0-9._~-]*$/);
          expect(name.length).toBeLessThanOrEqual(64);
          expect(name.endsWith('.')).toBe(false);
          expect([...CLASS_FILES, JOURNAL_FILE].map((f) => f.toLowerCase())).not.toContain(name.toLowerCase());
        }
      }),
      { seed: 14, numRuns: 1000 },
    );
  });
});
