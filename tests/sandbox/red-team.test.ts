import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSubmission } from '../../grader/submission/read-submission';
import { transpileExercise } from '../../grader/submission/transpile';
import { SandboxPool } from '../../grader/sandbox';
import { explainScore, gradeInSandbox } from '../rubric/_support';
import { FAST_LIMITS, HOSTILE_DIR, KIT_ROOT } from './sandbox-helpers';

/*
 * Attacks from a red-team pass over the sandbox, the realms and what reaches the student, that no
 * other test wrote down. Each is student code graded through the real sandbox. An attack that
 * still works is an `it.fails` naming the gap, to become an `it` when the grader closes it; an
 * attack the defences hold against is an `it`, so that they keep holding.
 */

let pool: SandboxPool;
const scratch = mkdtempSync(join(tmpdir(), 'red-team-'));
beforeAll(() => {
  pool = new SandboxPool({ limits: FAST_LIMITS });
});
afterAll(async () => {
  await pool.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** The reference with some files replaced by the given sources. */
function submissionWith(name: string, files: Record<string, string>) {
  const root = join(scratch, name);
  cpSync(join(KIT_ROOT, 'solutions'), root, { recursive: true });
  for (const [path, source] of Object.entries(files)) writeFileSync(join(root, path), source);
  return readSubmission(root, name);
}

describe('a dynamic import hidden by a parse differential', () => {
  // GAP: the transpiler looks for import() in oxc's parse of the file as a module, where a
  // top-level `await /0; import('x'); 0/g` awaits a regular expression; the kit compiles the same
  // text as the body of a plain function, where `await` is a name and the slashes divide, so the
  // import() runs, and Node rejects it with an error made in the child's main context.
  it.fails('the transpiler refuses an import() that a top-level `await /…/` hides', () => {
    const file = transpileExercise("(globalThis as any).await = 0;\n(globalThis as any).g = 1;\nawait /0; import('x'); 0/g;\nexport function computeCost(): number { return 1; }\n", '<submission>/01-cost/cost.ts');
    expect(file.javascript).toBe('');
    expect(file.syntaxErrors.join('\n')).toMatch(/not available|await/);
  });

  // GAP (the same): with it, the stash-the-lent-reference attack works again. Isolated
  // worlds leave the reference functions they are lent on the host error's prototype, and the
  // worlds graded after them answer with those: 02, 03, 05 and 06 get full marks over "the
  // reference 01-cost, since yours is broken", 65/100 with nothing implemented (seed 7).
  it.fails('a submission that implements nothing and hides its import() scores at most 5/100', async () => {
    const submission = readSubmission(join(HOSTILE_DIR, 'import-behind-await-regex'), 'import-behind-await-regex');
    const result = await gradeInSandbox(pool, submission, 7);
    expect(result.score, explainScore(result)).toBeLessThanOrEqual(5);
  });
});
