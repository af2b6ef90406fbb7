/**
 * How a submission's bytes become source text: UTF-8 (with or without a byte-order mark) and UTF-16
 * with its byte-order mark, as Windows editors and PowerShell's `>` save files, are read and graded
 * as the same program; anything else is refused with what it is and the fix.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KIT_ROOT } from '../../grader/data/paths';
import { readSubmission } from '../../grader/shipped/submission/read-submission';
import { readText } from '../handout/support';

const scratch = mkdtempSync(join(tmpdir(), 'encodings-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The reference's cost.ts, with a non-ASCII comment so that a wrong decoding shows. */
const SOURCE = `// Coût moyen, Σ (yᵢ − ŷᵢ)² / N\n${readText(join(KIT_ROOT, 'solutions', '01-cost', 'cost.ts'))}`;

const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string) => utf16le(text).swap16();

let folders = 0;
/** The 01-cost file of a fresh submission folder, written as these bytes. */
function cost(bytes: Uint8Array) {
  const root = join(scratch, `submission-${folders++}`);
  mkdirSync(join(root, '01-cost'), { recursive: true });
  writeFileSync(join(root, '01-cost', 'cost.ts'), bytes);
  return readSubmission(root).files['01-cost'];
}

describe('reading an exercise file', () => {
  const utf8 = cost(Buffer.from(SOURCE, 'utf8'));

  it.each([
    ['UTF-8 with a byte-order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SOURCE, 'utf8')])],
    ['UTF-16LE with its byte-order mark', utf16le(SOURCE)],
    ['UTF-16BE with its byte-order mark', utf16be(SOURCE)],
  ])('reads %s as the same program as UTF-8', (_, bytes) => {
    const file = cost(bytes);
    expect(file.state, file.message).toBe('found');
    expect(file.module?.javascript).toBe(utf8.module?.javascript);
  });

  it('keeps the hash of the bytes submitted, so that two encodings of one program are two submissions', () => {
    expect(cost(utf16le(SOURCE)).sha256).not.toBe(utf8.sha256);
  });

  it.each([
    [
      'UTF-16LE cut in the middle of a character',
      utf16le(SOURCE).subarray(0, 101),
      /UTF-16LE text cut off.*save it as UTF-8/,
    ],
    [
      'UTF-16BE with a lone surrogate',
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from([0xd8, 0x00, 0x00, 0x41])]),
      /not valid UTF-16BE text: save it as UTF-8/,
    ],
    [
      'UTF-16 without a byte-order mark',
      Buffer.from(SOURCE, 'utf16le'),
      /binary file.*UTF-16 without a byte-order mark, save it as UTF-8/,
    ],
    ['Latin-1', Buffer.from(SOURCE, 'latin1'), /not valid UTF-8 text: save it as UTF-8/],
  ])('refuses %s, naming the file and the fix', (_, bytes, message) => {
    const file = cost(bytes);
    expect(file.state).toBe('unreadable');
    expect(file.message).toMatch(message);
    expect(file.message).toContain('<submission>/01-cost/cost.ts');
  });
});
