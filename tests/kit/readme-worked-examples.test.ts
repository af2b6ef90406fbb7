import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Line, Point, Vec2 } from '../../exercises/types';
import { KIT_ROOT } from '../../grader/data/paths';
import type { CheckDefinition, CheckInput } from '../../grader/shipped/checks/check';
import { costChecks } from '../../grader/shipped/exercises/01-cost/grading/checks';
import { gradientChecks } from '../../grader/shipped/exercises/02-gradient/grading/checks';
import { stepChecks } from '../../grader/shipped/exercises/03-step/grading/checks';
import { descentChecks } from '../../grader/shipped/exercises/04-descent/grading/checks';
import { valleyChecks } from '../../grader/shipped/exercises/05-valley/grading/checks';
import { learningRateChecks } from '../../grader/shipped/exercises/06-learning-rate/grading/checks';
import type { Bowl } from '../../grader/shipped/exercises/05-valley/public-checks';
import { computeCost } from '../../solutions/01-cost/cost';
import { computeGradient } from '../../solutions/02-gradient/gradient';
import { step } from '../../solutions/03-step/step';
import { gradientDescent } from '../../solutions/04-descent/descent';
import { descend, valley, valleyGradient } from '../../solutions/05-valley/valley';
import { leastSquares, maxStableLearningRate } from '../../solutions/06-learning-rate/learning-rate';

/**
 * Every check titled "matches the worked examples" tries, among its fixed inputs, exactly the worked
 * examples its exercise's README gives, and the README's numbers are the reference's answers on them.
 * The examples are read from the README's text, so the two cannot drift apart: a README edit that
 * changes an example fails here until the check's examples follow it, and the other way round.
 */

/** A README's "## Worked example" section, with the Unicode minus read as a minus. */
function workedExample(exercise: string): string {
  const readme = readFileSync(join(KIT_ROOT, 'exercises', exercise, 'README.md'), 'utf8').replace(/−/g, '-');
  const section = /^## Worked example\n([\s\S]*?)(?=^## )/m.exec(readme);
  if (!section) throw new Error(`exercises/${exercise}/README.md has no "## Worked example" section`);
  return section[1];
}

const NUMBER = String.raw`-?\d+(?:\.\d+)?`;

function pairs(text: string): Vec2[] {
  return [...text.matchAll(new RegExp(String.raw`\((${NUMBER}), (${NUMBER})\)`, 'g'))].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
  }));
}

const asPoints = (vs: readonly Vec2[]): Point[] => vs.map(({ x, y }) => ({ x, y }));

/** The points of a Markdown table with xᵢ and yᵢ columns. */
function tablePoints(text: string): Point[] {
  const rows = text.split('\n').filter((line) => line.startsWith('|'));
  const header = rows[0].split('|').map((cell) => cell.trim());
  const [xi, yi] = [header.indexOf('xᵢ'), header.indexOf('yᵢ')];
  if (xi < 0 || yi < 0) throw new Error(`no xᵢ and yᵢ columns in ${rows[0]}`);
  return rows.slice(2).map((row) => {
    const cells = row.split('|').map((cell) => cell.trim());
    return { x: Number(cells[xi]), y: Number(cells[yi]) };
  });
}

function lineIn(text: string): Line {
  const m = new RegExp(String.raw`m = (${NUMBER}), b = (${NUMBER})`).exec(text);
  if (!m) throw new Error(`no "m = …, b = …" in ${text}`);
  return { m: Number(m[1]), b: Number(m[2]) };
}

function numberAfter(text: string, label: string): number {
  const m = new RegExp(String.raw`${label}\s*(${NUMBER})`).exec(text);
  if (!m) throw new Error(`no number after "${label}" in ${text}`);
  return Number(m[1]);
}

/** A value the README quotes in a code span, such as `{ m: 1.25, b: 1.1 }` or `[1.5, 1.07]`. */
function quoted(text: string, after: string): unknown {
  const m = new RegExp(String.raw`${after}[^\`]*\`(?:\w+ = )?([^\`]+)\``).exec(text);
  if (!m) throw new Error(`no code span after "${after}" in ${text}`);
  return JSON.parse(m[1].replace(/(\w+):/g, '"$1":'));
}

/** The paragraph of `text` that contains `marker`. */
function paragraph(text: string, marker: string): string {
  const found = text.split(/\n\s*\n/).find((p) => p.includes(marker));
  if (!found) throw new Error(`no paragraph with "${marker}"`);
  return found;
}

/** A README example: the check's input, and the answer the README says the reference gives. */
interface Example {
  readonly input: CheckInput;
  readonly answer: unknown;
}

function readmeCostExamples(): Example[] {
  const text = workedExample('01-cost');
  const table: Example = {
    input: { points: tablePoints(text), line: lineIn(paragraph(text, 'and the line')) },
    answer: quoted(text, 'The reference solution returns'),
  };
  const bullets = text
    .split('\n')
    .filter((line) => line.startsWith('- '))
    .map((bullet) => {
      const [given] = bullet.split(/ with | lie /);
      return {
        input: { points: asPoints(pairs(given)), line: lineIn(bullet) },
        answer: numberAfter(bullet, '= \\*\\*'),
      };
    });
  return [table, ...bullets];
}

function readmeGradientExamples(): Example[] {
  const text = workedExample('02-gradient');
  const stub = paragraph(text, 'The stub shows');
  const [given] = stub.split(' with ');
  return [
    {
      input: { points: tablePoints(text), line: lineIn(paragraph(text, 'The same four points')) },
      answer: quoted(text, 'The reference solution returns'),
    },
    {
      input: { points: asPoints(pairs(given)), line: lineIn(stub) },
      answer: { dm: numberAfter(stub, 'dm = [^=]*= '), db: numberAfter(stub, 'db = [^=]*= ') },
    },
  ];
}

function readmeStepExamples(): Example[] {
  const text = workedExample('03-step');
  const use = paragraph(text, 'Use the points');
  const stub = paragraph(text, 'one-point example');
  const [stubGiven, stubAnswer] = stub.split('The gradient is');
  return [
    {
      input: {
        points: asPoints(pairs(use.split(/,\s*line/)[0])),
        line: lineIn(use),
        learningRate: numberAfter(use, 'η = '),
      },
      answer: quoted(text, 'The reference solution returns'),
    },
    {
      input: {
        points: asPoints(pairs(stubGiven)),
        line: lineIn(stubGiven),
        learningRate: numberAfter(stubGiven, 'η = '),
      },
      answer: lineIn(stubAnswer.split('new line is')[1]),
    },
  ];
}

function readmeDescentExamples(): Example[] {
  const text = workedExample('04-descent');
  const given = paragraph(text, 'iterations:');
  return [
    {
      input: {
        points: asPoints(pairs(given.split(', from')[0])),
        initial: lineIn(given),
        learningRate: numberAfter(given, 'η = '),
        iterations: numberAfter(given, 'and'),
      },
      answer: { line: quoted(text, 'The reference\nreturns'), costs: quoted(text, '(?=`costs = )') },
    },
  ];
}

/** Evaluates a README call such as `descend(valleyGradient, { x: 1, y: 0 }, 0.1, 2)` with recorders in place of the functions. */
function recordCall(code: string): { fn: string; args: unknown[] } {
  const recorder =
    (fn: string) =>
    (...args: unknown[]) => ({ fn, args });
  const names = ['valley', 'valleyGradient', 'descend'];
  // The README is the kit's own text; its code spans are the calls a student would type.
  const evaluate = new Function(...names, `return ${code};`) as (...fns: unknown[]) => { fn: string; args: unknown[] };
  const call = evaluate(...names.map(recorder));
  if (call.args[0] === undefined && call.fn !== 'descend') throw new Error(`no argument in ${code}`);
  return call;
}

/** The bowl a gradient function belongs to, read off its values at (0, 0), (1, 0) and (0, 1) (a bowl's gradient is affine). */
function bowlOf(gradient: unknown): Bowl {
  const g = gradient === 'valleyGradient' ? valleyGradient : (gradient as (p: Vec2) => Vec2);
  const at0 = g({ x: 0, y: 0 });
  const ex = g({ x: 1, y: 0 });
  const ey = g({ x: 0, y: 1 });
  const hessian: Bowl['hessian'] = [
    [ex.x - at0.x, ey.x - at0.x],
    [ex.y - at0.y, ey.y - at0.y],
  ];
  const [[a, b], [c, d]] = hessian;
  const det = a * d - b * c;
  return { hessian, center: [(-d * at0.x + b * at0.y) / det + 0, (c * at0.x - a * at0.y) / det + 0] };
}

function readmeValleyExamples(): { valley: Example[]; gradient: Example[]; descend: Example[] } {
  const text = workedExample('05-valley');
  const calls = [...text.matchAll(/`((?:valley|valleyGradient|descend)\(.*?\))`/g)].map((m) => m[1]);
  const withAnswers = calls.map((code) => ({
    code,
    call: recordCall(code.replace(/\bvalleyGradient\b(?=,)/, '"valleyGradient"')),
  }));
  const valleyCalls = withAnswers.filter((c) => c.call.fn === 'valley');
  const gradientCalls = withAnswers.filter((c) => c.call.fn === 'valleyGradient');
  const descendCalls = withAnswers.filter((c) => c.call.fn === 'descend');
  const rowOf = (code: string) => text.split('\n').find((line) => line.includes(`\`${code}\``))!;
  return {
    valley: valleyCalls.map(({ code, call }) => ({
      input: { p: call.args[0] },
      answer: numberAfter(rowOf(code), '= \\*\\*'),
    })),
    gradient: gradientCalls.map(({ code, call }) => ({
      input: { p: call.args[0] },
      answer: quoted(
        rowOf(code)
          .replace(/\*\*\{/, '`{')
          .replace(/\}\*\*/, '}`'),
        '=',
      ),
    })),
    descend: descendCalls.map(({ code, call }) => {
      const [gradient, start, learningRate, iterations] = call.args;
      const after = text.slice(text.indexOf(code) + code.length);
      const answer =
        gradient === 'valleyGradient'
          ? after
              .split('\n')
              .filter((line) => /^\| \d+ \|/.test(line))
              .map((line) => pairs(line.split('|')[2]).at(-1)!)
          : pairs(paragraph(after, 'returns').split('returns')[1].split(']')[0]);
      return { input: { bowl: bowlOf(gradient), start, learningRate, iterations }, answer };
    }),
  };
}

function readmeLearningRateExamples(): { leastSquares: Example[]; rate: Example[] } {
  const text = workedExample('06-learning-rate');
  const points = asPoints(pairs(text.split('\n').find((line) => line.startsWith('Points'))!));
  const returns = paragraph(text, 'The reference returns');
  return {
    leastSquares: [{ input: { points }, answer: quoted(returns, 'returns') }],
    rate: [{ input: { points }, answer: quoted(returns, 'and') }],
  };
}

function examplesOf(checks: readonly CheckDefinition<any>[], id: string): readonly CheckInput[] {
  const check = checks.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id}`);
  expect(check.title).toMatch(/matches the worked examples/);
  return check.examples ?? [];
}

/** Each README example is one of the check's fixed inputs, and the reference answers what the README says. */
function expectUsed(
  examples: readonly Example[],
  checkExamples: readonly CheckInput[],
  reference: (input: any) => unknown,
): void {
  for (const example of examples) {
    expect(checkExamples).toContainEqual(example.input);
    expectClose(reference(example.input), example.answer);
  }
}

function expectClose(actual: unknown, expected: unknown): void {
  if (typeof expected === 'number') return void expect(actual as number).toBeCloseTo(expected, 9);
  if (Array.isArray(expected)) {
    expect(actual).toHaveLength(expected.length);
    return expected.forEach((e, i) => expectClose((actual as unknown[])[i], e));
  }
  const record = expected as Record<string, unknown>;
  expect(Object.keys(actual as object).sort()).toEqual(Object.keys(record).sort());
  for (const key of Object.keys(record)) expectClose((actual as Record<string, unknown>)[key], record[key]);
}

describe('the worked-example checks use the READMEs’ own worked examples', () => {
  it('01-cost: the four-point table and both extra values', () => {
    const examples = readmeCostExamples();
    expect(examples).toHaveLength(3);
    expectUsed(examples, examplesOf(costChecks, '01-cost/worked-examples'), (i) => computeCost(i.points, i.line));
  });

  it('02-gradient: the four-point table and the stub’s one point', () => {
    const examples = readmeGradientExamples();
    expect(examples).toHaveLength(2);
    expectUsed(examples, examplesOf(gradientChecks, '02-gradient/worked-examples'), (i) => {
      const { dm, db } = computeGradient(i.points, i.line);
      return { dm, db };
    });
  });

  it('03-step: the four-point step at η = 0.1 and the stub’s one point', () => {
    const examples = readmeStepExamples();
    expect(examples).toHaveLength(2);
    expectUsed(examples, examplesOf(stepChecks, '03-step/worked-examples'), (i) =>
      step(i.points, i.line, i.learningRate),
    );
  });

  it('04-descent: three steps from (1, 1) at η = 0.1', () => {
    const examples = readmeDescentExamples();
    expect(examples).toHaveLength(1);
    expectUsed(examples, examplesOf(descentChecks, '04-descent/worked-examples'), (i) =>
      gradientDescent(i.points, { initial: i.initial, learningRate: i.learningRate, iterations: i.iterations }),
    );
  });

  it('05-valley: valley, valleyGradient, and descend on the valley and on the bowl x² + 4y²', () => {
    const examples = readmeValleyExamples();
    expect([examples.valley.length, examples.gradient.length, examples.descend.length]).toEqual([1, 1, 2]);
    expectUsed(examples.valley, examplesOf(valleyChecks, '05-valley/valley-worked-examples'), (i) => valley(i.p));
    expectUsed(examples.gradient, examplesOf(valleyChecks, '05-valley/gradient-worked-examples'), (i) =>
      valleyGradient(i.p),
    );
    expectUsed(examples.descend, examplesOf(valleyChecks, '05-valley/descend-worked-examples'), (i) => {
      const [[a, b], [c, d]] = (i.bowl as Bowl).hessian;
      const [cx, cy] = (i.bowl as Bowl).center;
      const gradient = (p: Vec2) => ({ x: a * (p.x - cx) + b * (p.y - cy), y: c * (p.x - cx) + d * (p.y - cy) });
      return descend(gradient, i.start, i.learningRate, i.iterations);
    });
  });

  it('06-learning-rate: leastSquares and maxStableLearningRate on the three points', () => {
    const examples = readmeLearningRateExamples();
    expectUsed(
      examples.leastSquares,
      examplesOf(learningRateChecks, '06-learning-rate/least-squares-worked-examples'),
      (i) => leastSquares(i.points),
    );
    expectUsed(examples.rate, examplesOf(learningRateChecks, '06-learning-rate/max-rate-worked-examples'), (i) =>
      maxStableLearningRate(i.points),
    );
  });

  it('reads 06-learning-rate’s README example, and the reference agrees with it', () => {
    const examples = readmeLearningRateExamples();
    expectClose(leastSquares(examples.leastSquares[0].input.points as Point[]), examples.leastSquares[0].answer);
    expectClose(maxStableLearningRate(examples.rate[0].input.points as Point[]), examples.rate[0].answer);
  });
});
