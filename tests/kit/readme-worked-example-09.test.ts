import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LinearModel } from '../../exercises/types';
import { KIT_ROOT } from '../../grader/data/paths';
import { readPenguins } from '../../grader/data/penguins';
import { normalEquationTolerance } from '../../grader/shipped/checks/tolerance';
import { centredScale } from '../../grader/shipped/exercises/09-normal-equation/conditioning';
import { normalEquationChecks } from '../../grader/shipped/exercises/09-normal-equation/grading/checks';
import type { DataInput } from '../../grader/shipped/exercises/09-normal-equation/public-checks';
import { normalEquation } from '../../solutions/09-normal-equation/normal-equation';

/**
 * 09-normal-equation's README quotes numbers from the reference and from the checks: its worked
 * example, the stub's example, the penguins' model, and the κ, offset and bound of the tolerance.
 * Each is read from the text and computed again here, and the examples are the worked-example
 * check's own inputs, so the README and the kit cannot drift apart.
 */
const readme = readFileSync(join(KIT_ROOT, 'exercises', '09-normal-equation', 'README.md'), 'utf8').replace(/−/g, '-');
const section = /^## Worked example\n([\s\S]*?)(?=^## )/m.exec(readme)![1];
const tolerance = /^## Tolerance\n([\s\S]*?)(?=^## )/m.exec(readme)![1];
const NUMBER = String.raw`-?\d+(?:\.\d+)?(?:e-?\d+)?`;

/** A model the README quotes in a code span after `after`, such as `{ w: [3, 0.5], b: -6.5 }`. */
function quotedModel(text: string, after: string): LinearModel {
  const m = new RegExp(String.raw`${after}[^\`]*\`(\{[^\`]+\})\``).exec(text);
  if (!m) throw new Error(`no model quoted after "${after}"`);
  return JSON.parse(m[1].replace(/(\w+):/g, '"$1":'));
}

function numberAfter(text: string, label: string): number {
  const m = new RegExp(String.raw`${label}\s*(${NUMBER})`).exec(text);
  if (!m) throw new Error(`no number after "${label}"`);
  return Number(m[1]);
}

/** The first table, with columns x₁, x₂, …, y. */
function table(text: string): DataInput {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.startsWith('|'));
  const end = lines.findIndex((line, k) => k > start && !line.startsWith('|'));
  const rows = lines.slice(start, end);
  const header = rows[0].split('|').map((c) => c.trim());
  const features = header.map((h, k) => (/^x\S$/.test(h) ? k : -1)).filter((k) => k >= 0);
  const target = header.indexOf('y');
  const cells = rows.slice(2).map((row) => row.split('|').map((c) => c.trim()));
  return { X: cells.map((c) => features.map((k) => Number(c[k]))), y: cells.map((c) => Number(c[target])) };
}

const workedCheck = normalEquationChecks.find((c) => c.id === '09-normal-equation/worked-examples')!;
const examples = workedCheck.examples as readonly DataInput[];
/** Agreement to the number of significant digits the README writes. */
const closeAsWritten = (actual: number, written: number) => {
  const digits = String(Math.abs(written))
    .replace(/^0\.0*|\./g, '')
    .replace(/e.*/, '').length;
  return Math.abs(actual - written) <= 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(written))) - digits + 1);
};
const expectModelAsWritten = (actual: LinearModel, written: LinearModel) => {
  expect(actual.w).toHaveLength(written.w.length);
  written.w.forEach((w, j) => expect(closeAsWritten(actual.w[j], w), `w[${j}] = ${actual.w[j]} vs ${w}`).toBe(true));
  expect(closeAsWritten(actual.b, written.b), `b = ${actual.b} vs ${written.b}`).toBe(true);
};

describe("09-normal-equation's README", () => {
  it('worked example: the table is the first worked-example input, and the reference returns the quoted model', () => {
    const data = table(section);
    expect(data.X).toHaveLength(5);
    expect(examples[0]).toEqual(data);
    const quoted = quotedModel(section, 'The reference returns');
    const { w, b } = normalEquation(data.X, data.y);
    expect(w.map((v, j) => v - quoted.w[j]).every((e) => Math.abs(e) < 1e-12)).toBe(true);
    expect(Math.abs(b - quoted.b)).toBeLessThan(1e-12);
  });

  it("the stub's example is a worked-example input, with the answer the stub and the README give", () => {
    const stub = readFileSync(join(KIT_ROOT, 'exercises', '09-normal-equation', 'normal-equation.ts'), 'utf8');
    const m = /@example normalEquation\((\[.*\]), (\[.*\])\) \/\/ (\{.*\})/.exec(stub)!;
    const data: DataInput = { X: JSON.parse(m[1]), y: JSON.parse(m[2]) };
    const answer = JSON.parse(m[3].replace(/(\w+):/g, '"$1":')) as LinearModel;
    expect(examples).toContainEqual(data);
    expect(quotedModel(section, "The stub's example")).toEqual(answer);
    const { w, b } = normalEquation(data.X, data.y);
    expectModelAsWritten({ w, b }, answer);
  });

  it('the penguins: a worked-example input, with the model, κ and offset the README quotes', () => {
    const penguins = readPenguins();
    expect(penguins.X).toHaveLength(342);
    expect(penguins.dropped).toBe(2);
    const data = { X: penguins.X.map((r) => [...r]), y: [...penguins.y] };
    expect(examples).toContainEqual(data);
    const penguinText = section.slice(section.indexOf('Palmer penguins'));
    expectModelAsWritten(normalEquation(data.X, data.y), quotedModel(penguinText, 'the reference returns'));
    const scale = centredScale(data.X, data.y);
    expect(closeAsWritten(scale.kappa, numberAfter(penguinText, 'κ\\(centred X\\) is'))).toBe(true);
    expect(closeAsWritten(scale.offset, numberAfter(penguinText, 'sit up to'))).toBe(true);
  });

  it("the tolerance section's κ, offset and bounds are the checks' own on the worked example", () => {
    const data = table(section);
    const scale = centredScale(data.X, data.y);
    const bound = normalEquationTolerance(scale, normalEquation(data.X, data.y));
    expect(closeAsWritten(scale.kappa, numberAfter(section, 'κ\\(centred X\\) \\|'))).toBe(true);
    expect(closeAsWritten(scale.kappa, numberAfter(tolerance, 'worked example κ ='))).toBe(true);
    expect(closeAsWritten(scale.offset, numberAfter(tolerance, 'o ='))).toBe(true);
    expect(closeAsWritten(bound.scaled, numberAfter(tolerance, 'and τ ='))).toBe(true);
    expect(closeAsWritten(bound.w[0], numberAfter(tolerance, 'w₁ is accepted within'))).toBe(true);
    expect(closeAsWritten(bound.w[1], numberAfter(tolerance, 'w₂ within'))).toBe(true);
  });
});
