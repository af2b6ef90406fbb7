import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KIT_ROOT } from '../../grader/data/paths';

const DEPCRUISE = join(KIT_ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const CONFIG = join(KIT_ROOT, '.dependency-cruiser.cjs');

/** A tree with one of each thing the rule forbids, cruised with the kit's own configuration. */
const BROKEN_TREE: Record<string, string> = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'node16', moduleResolution: 'node16', strict: true } }),
  'exercises/types.ts': 'export type Line = { m: number; b: number };\n',
  'grader/shipped/checks/verdict.ts':
    "import type { Line } from '../../../exercises/types';\nexport const verdict = (line: Line) => line.m;\n",
  'grader/shipped/student/leaks-engine.ts': "import { grade } from '../../engine/grade';\nexport const run = grade;\n",
  'grader/shipped/student/leaks-grading.ts':
    "import { checks } from '../exercises/01-cost/grading/checks';\nexport const all = checks;\n",
  'grader/shipped/exercises/01-cost/grading/checks.ts':
    "import { verdict } from '../../../checks/verdict';\nexport const checks = [verdict];\n",
  'grader/engine/grade.ts': "import { exitCode } from '../cli/exit';\nexport const grade = () => exitCode;\n",
  'grader/cli/exit.ts': 'export const exitCode = 0;\n',
  'grader/report/a.ts': "import type { B } from './b';\nexport type A = { b?: B };\n",
  'grader/report/b.ts': "import type { A } from './a';\nexport type B = { a?: A };\n",
};

let tree: string | undefined;
afterAll(() => tree && rmSync(tree, { recursive: true, force: true }));

function cruise(root: string): { rule: string; from: string; to: string }[] {
  const run = spawnSync(
    process.execPath,
    [DEPCRUISE, 'grader', 'exercises', '--config', CONFIG, '--output-type', 'json'],
    { cwd: root, encoding: 'utf8' },
  );
  const report = JSON.parse(run.stdout) as {
    summary: { violations: { rule: { name: string }; from: string; to: string }[] };
  };
  return report.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
}

describe('the dependency rule (.dependency-cruiser.cjs)', () => {
  it('names every kind of import it forbids: a cycle of type-only imports, shipped code importing grader code or grading material, a folder importing one above it', () => {
    tree = mkdtempSync(join(tmpdir(), 'dependency-rule-'));
    for (const [path, text] of Object.entries(BROKEN_TREE)) {
      mkdirSync(dirname(join(tree, path)), { recursive: true });
      writeFileSync(join(tree, path), text);
    }
    const violations = cruise(tree);
    expect(violations).toContainEqual({ rule: 'no-circular', from: 'grader/report/a.ts', to: 'grader/report/b.ts' });
    expect(violations).toContainEqual({
      rule: 'shipped-imports-only-shipped',
      from: 'grader/shipped/student/leaks-engine.ts',
      to: 'grader/engine/grade.ts',
    });
    expect(violations).toContainEqual({
      rule: 'shipped-imports-no-grading',
      from: 'grader/shipped/student/leaks-grading.ts',
      to: 'grader/shipped/exercises/01-cost/grading/checks.ts',
    });
    expect(violations).toContainEqual({
      rule: 'one-way: engine',
      from: 'grader/engine/grade.ts',
      to: 'grader/cli/exit.ts',
    });
    expect(
      violations.filter((v) => v.from === 'grader/shipped/checks/verdict.ts' || v.from.includes('/grading/')),
    ).toEqual([]);
  });
});
