import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isShipped, kitDeclarations, kitModules, SHIPPED_DIR } from '../../grader/handout/kit-modules';

const trees: string[] = [];
afterAll(() => trees.forEach((tree) => rmSync(tree, { recursive: true, force: true })));

/** A kit tree with the given files and an entry that imports `entryImports`. */
function treeWith(files: Record<string, string>): string {
  const tree = mkdtempSync(join(tmpdir(), 'shipped-boundary-'));
  trees.push(tree);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(tree, path)), { recursive: true });
    writeFileSync(join(tree, path), text);
  }
  return tree;
}

const ENTRY = `${SHIPPED_DIR}/student/suite.ts`;

describe('what ships to students', () => {
  it('is everything under grader/shipped/ but an exercise’s grading/', () => {
    expect(isShipped('grader/shipped/checks/verdicts.ts')).toBe(true);
    expect(isShipped('grader/shipped/exercises/01-cost/public-checks.ts')).toBe(true);
    expect(isShipped('grader/shipped/exercises/01-cost/grading/checks.ts')).toBe(false);
    expect(isShipped('grader/engine/grade-submission.ts')).toBe(false);
    expect(isShipped('solutions/01-cost/cost.ts')).toBe(false);
  });

  it('is the import closure of the kit’s entries, all of it inside the shipped folder', () => {
    const sources = kitModules().map((module) => module.source);
    expect(sources.length).toBeGreaterThan(40);
    expect(sources.filter((source) => !isShipped(source))).toEqual([]);
  });

  it('refuses a build whose shipped code imports grader code, naming the file and the import chain', () => {
    const tree = treeWith({
      [ENTRY]: "import { helper } from './helper';\nexport const suite = helper;\n",
      [`${SHIPPED_DIR}/student/helper.ts`]:
        "import { grade } from '../../engine/grade';\nexport const helper = grade;\n",
      'grader/engine/grade.ts': 'export const grade = 1;\n',
    });
    expect(() => kitModules([ENTRY], tree)).toThrow(
      /grader\/engine\/grade\.ts, which is outside grader\/shipped\/ \(imported through grader\/shipped\/student\/suite\.ts → \.\/helper → \.\.\/\.\.\/engine\/grade\)/,
    );
  });

  it('refuses a build whose shipped code imports an exercise’s grading material or the reference', () => {
    const grading = treeWith({
      [ENTRY]: "import { checks } from '../exercises/01-cost/grading/checks';\nexport const suite = checks;\n",
      [`${SHIPPED_DIR}/exercises/01-cost/grading/checks.ts`]: 'export const checks = [];\n',
    });
    expect(() => kitModules([ENTRY], grading)).toThrow(
      /grading\/checks\.ts, which is an exercise's grader-only material/,
    );
    const reference = treeWith({
      [ENTRY]: "import { computeCost } from '../../../solutions/01-cost/cost';\nexport const suite = computeCost;\n",
      'solutions/01-cost/cost.ts': 'export const computeCost = () => 0;\n',
    });
    expect(() => kitModules([ENTRY], reference)).toThrow(
      /solutions\/01-cost\/cost\.ts, which is outside grader\/shipped\//,
    );
  });

  it('refuses declarations that need a type from outside the shipped folder, even through a type-only import', () => {
    const tree = treeWith({
      [ENTRY]:
        "import type { Grade } from '../../engine/grade';\nexport const suite = (grade: Grade) => grade.score;\n",
      'grader/engine/grade.ts': 'export interface Grade { readonly score: number }\n',
    });
    const modules = kitModules([ENTRY], tree);
    expect(modules.map((module) => module.source)).toEqual([ENTRY]);
    expect(() => kitDeclarations(modules, tree)).toThrow(
      /the types of grader\/engine\/grade\.ts, which is outside grader\/shipped\//,
    );
    expect(
      kitDeclarations(kitModules())
        .map(([path]) => path)
        .filter((path) => !path.startsWith('grader/shipped/')),
    ).toEqual(['exercises/types.d.ts']);
  });
});
