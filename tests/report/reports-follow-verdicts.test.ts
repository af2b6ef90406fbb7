import { beforeAll, describe, expect, it } from 'vitest';
import type { Vec2 } from '../../exercises/types';
import { renderStudentReport } from '../../grader/report';
import { pathShape, pathShapeSentences } from '../../grader/report/_plot-words';
import { studentPlots, type PlotSpec } from '../../grader/report/_plots';
import { comparePath } from '../../grader/reference/compare';
import type { PlotData, SubmissionResult } from '../../grader/shipped/results/model';
import { plotData, passingResult } from './fixtures';
import { gradeVariant } from './real-results';

/**
 * Reports follow the verdicts: captions, plots and boxes agree with each exercise's score, its
 * root cause and the comparison of the student's answers with the reference's. Graded through the
 * real engine, one slip at a time, as a student would make them.
 */

const SLIPS = {
  /** 03 returns the move η·∇J instead of the new line; 04 then passes only in isolation. */
  stepReturnsMove: {
    file: '03-step/step.ts',
    from: 'return { m: line.m - learningRate * dm, b: line.b - learningRate * db };',
    to: 'return { m: learningRate * dm, b: learningRate * db };',
  },
  /** 02 does not compile; 03 and 04 cannot even be imported with it, and pass in isolation. */
  gradientSyntaxError: {
    file: '02-gradient/gradient.ts',
    from: 'function gradientOf(sums: Sums, n: number): Gradient {',
    to: 'function gradientOf(sums: Sums, n: number: Gradient {',
  },
  /** 05's descend pushes one object and moves it: every point of the path is the last one. */
  aliasedPath: {
    file: '05-valley/valley.ts',
    from: /const path: Vec2\[\] = \[\{ x: start\.x, y: start\.y \}\];[\s\S]*?return path;/,
    to: 'const here = { x: start.x, y: start.y };\n  const path: Vec2[] = [here];\n  for (let k = 0; k < iterations; k++) {\n    const g = gradient(here);\n    here.x -= learningRate * g.x;\n    here.y -= learningRate * g.y;\n    path.push(here);\n  }\n  return path;',
  },
  /** 06's limit is 1/λmax. */
  halfLimit: { file: '06-learning-rate/learning-rate.ts', from: 'return 2 / lambdaMax;', to: 'return 1 / lambdaMax;' },
};

const graded: Record<keyof typeof SLIPS | 'correct', SubmissionResult> = {} as never;

beforeAll(async () => {
  graded.correct = await gradeVariant('correct');
  for (const [name, slip] of Object.entries(SLIPS))
    graded[name as keyof typeof SLIPS] = await gradeVariant(name.toLowerCase(), slip);
}, 300_000);

const plot = (result: SubmissionResult, id: string): PlotSpec => studentPlots(result).find((p) => p.id === id)!;

/** The section of one exercise in the Markdown report. */
function section(markdown: string, exercise: string): string {
  const start = markdown.search(new RegExp(`^## . ${exercise} `, 'm'));
  const rest = markdown.slice(start + 3);
  return markdown.slice(start, start + 3 + rest.search(/^## /m));
}

/** Phrases by which a caption says the student's answer is the reference's, each with the comparison that must allow it. */
const SAME: readonly [string, (plots: PlotData) => boolean][] = [
  ["It is the reference run's line", (p) => p.dataFit.comparison?.matches === true],
  ["Your curve lies on the reference's", (p) => p.costCurve.comparison?.matches === true],
  ['Yours stops in the same place', (p) => p.dataFit.comparison?.matches === true],
  ["Your path is the reference's", (p) => p.valleyPath.comparison?.matches === true],
  ["Yours lie on the reference's", (p) => p.learningRates.curves.every((c) => c.comparison?.matches)],
  ['the true limit, within', (p) => p.learningRates.studentLimitComparison?.matches === true],
  ['Your leastSquares gives the same line', (p) => p.dataFit.studentOptimumComparison?.matches === true],
];

function sentencesOf(text: string): string[] {
  return text.split(/(?<=[.:])\s+(?=[A-Z])/);
}

describe('plot captions follow the comparisons and the exercise’s standing', () => {
  it('never call a run correct, expected or the same as the reference’s unless the check’s comparison says so', () => {
    for (const [name, result] of Object.entries(graded)) {
      for (const spec of studentPlots(result)) {
        for (const sentence of sentencesOf(spec.caption)) {
          for (const [same, allowed] of SAME)
            if (!allowed(result.plots!)) expect(sentence, `${name}: ${spec.id}`).not.toContain(same);
          // "expected" and "correct" are said of the reference or of a correct descent, never of an unnamed run.
          if (/\b(expected|correct)\b/.test(sentence.replace(/expected [^,]*, got/g, '')))
            expect(sentence, `${name}: ${spec.id}`).toMatch(/reference|a correct descent/);
        }
      }
    }
    expect(plot(graded.correct, 'data-fit').caption).toContain("It is the reference run's line");
  });

  it('say that a run of the student’s own code is not what an exercise graded in isolation was graded on', () => {
    const result = graded.stepReturnsMove;
    const descent = result.exercises.find((e) => e.exercise === '04-descent')!;
    expect(descent.score).toBe(descent.maxScore);
    expect(descent.rootCause?.gradedInIsolation).toBe(true);
    for (const id of ['data-fit', 'cost-curve', 'learning-rates']) {
      const caption = plot(result, id).caption;
      expect(caption, id).toContain(
        'This run calls your own 03-step, which lost points, so it is not the code 04-descent was graded on',
      );
      for (const [same] of SAME.slice(0, 3)) expect(caption, id).not.toContain(same);
    }
    expect(plot(result, 'cost-curve').caption).toContain('it ends higher than it starts');
  });

  it('put the notes of an exercise graded in isolation under a sentence that says where they come from', async () => {
    const { markdown } = await renderStudentReport(graded.stepReturnsMove);
    const descent = section(markdown, '04-descent');
    const note =
      'The notes below come from runs of your 04-descent with the reference 03-step in place of yours, as it was graded, not with your own 03-step, which lost points.';
    expect(descent).toContain(note);
    expect(descent.indexOf(note)).toBeLessThan(descent.indexOf('> [!TIP]'));
  });
});

describe('boxes follow the score', () => {
  it('never puts a caution or a warning on an exercise that passed; a file that loads only in isolation gets a note that fits a pass', async () => {
    const result = graded.gradientSyntaxError;
    const { markdown, html } = await renderStudentReport(result);
    const passed = result.exercises.filter((e) => e.score === e.maxScore && e.module.state !== 'loaded');
    expect(passed.map((e) => e.exercise)).toEqual(['03-step', '04-descent']);
    for (const exercise of result.exercises.filter((e) => e.score === e.maxScore)) {
      const text = section(markdown, exercise.exercise);
      expect(text, exercise.exercise).not.toMatch(/\[!(CAUTION|WARNING)\]/);
      const page = html.slice(html.indexOf(`id="exercise-${exercise.exercise}"`));
      expect(page.slice(0, page.indexOf('</section>'))).not.toMatch(/callout (notice|diagnosis)/);
    }
    expect(section(markdown, '03-step')).toContain(
      'In your own submission this file does not load yet, because of 02-gradient:',
    );
    expect(section(markdown, '02-gradient')).toContain('[!CAUTION]');
  });
});

describe('the valley plot draws the student’s own path and makes its shape errors visible', () => {
  it('says when every point of the path is one point, circles it with its count, and never gives its end as the reference’s', () => {
    const valley = plot(graded.aliasedPath, 'valley-path');
    expect(valley.caption).toMatch(/All 21 points of your path are the same point \([-\d.e]+, [-\d.e]+\)/);
    expect(valley.caption).toContain('That point is not the start (1.5, -0.25).');
    expect(valley.caption).not.toContain('Your path ends at');
    expect(valley.alt).toContain('all 21 of whose points are the same point');
    expect(JSON.stringify(valley.spec)).toContain('"label":"all 21 points"');
  });

  it('never says a path is the reference’s when only its end point agrees', () => {
    const data = plotData();
    const reference = data.valleyPath.reference;
    const bent = reference.map((p, k) => (k === 3 ? { x: p.x + 0.2, y: p.y } : p));
    const result = {
      ...passingResult(),
      plots: {
        ...data,
        valleyPath: { ...data.valleyPath, student: bent, comparison: comparisonOf(bent, reference) },
      },
    };
    const caption = plot(result, 'valley-path').caption;
    expect(caption).not.toContain("Your path is the reference's");
    expect(caption).toContain("It differs from the reference's: path[3]");
  });

  it('names a path that is too short, one that misses its start, and points that repeat', () => {
    const start = { x: 1, y: 0 };
    const vec = (p: Vec2) => `(${p.x}, ${p.y})`;
    const words = (path: Vec2[]) => pathShapeSentences(pathShape(path, start, 4), start, vec).join(' ');
    expect(words([start, { x: 0.5, y: 0 }, { x: 0.25, y: 0 }, { x: 0.125, y: 0 }])).toBe('');
    expect(words([start, { x: 0.5, y: 0 }, { x: 0.25, y: 0 }])).toContain(
      'Your path has 3 points; it should have 4: the start, then one point per step.',
    );
    expect(
      words([
        { x: 0.5, y: 0 },
        { x: 0.25, y: 0 },
        { x: 0.125, y: 0 },
        { x: 0, y: 0 },
      ]),
    ).toContain('Its first point is not the start (1, 0).');
    expect(words([start, { x: 0.5, y: 0 }, { x: 0.5, y: 0 }, { x: 0.5, y: 0 }])).toContain(
      '3 of its 4 points share one position (circled, with their counts): 3 at (0.5, 0).',
    );
  });
});

describe('the data-fit plot draws the student’s own least-squares line beside the optimum', () => {
  it('says a right one is the optimum, and a wrong one is not, with the first difference', () => {
    expect(plot(graded.correct, 'data-fit').caption).toContain(
      'Your leastSquares gives the same line, within the tolerance of the check that grades it.',
    );
    const data = plotData();
    const wrong = { m: data.dataFit.optimum.m, b: -data.dataFit.optimum.b };
    const result = {
      ...passingResult(),
      plots: {
        ...data,
        dataFit: {
          ...data.dataFit,
          studentOptimum: wrong,
          studentOptimumComparison: { matches: false, difference: 'the least-squares line: expected …, got ….' },
        },
      },
    };
    const fit = plot(result, 'data-fit');
    expect(fit.caption).toContain(`Your leastSquares gives y = ${Number(wrong.m.toPrecision(5))}·x − `);
    expect(fit.caption).toContain("It differs from the reference's: the least-squares line");
    expect(JSON.stringify(fit.spec)).toContain('"series":"your leastSquares"');
  });
});

describe('the learning-rate plot shows the student’s own limit beside the true one', () => {
  it('draws a wrong limit and says it is not the limit, by how much', () => {
    const rates = plot(graded.halfLimit, 'learning-rates');
    expect(rates.caption).toContain(
      'Your maxStableLearningRate gives 0.050759 for these points, 0.5 × the true limit: it is not the limit.',
    );
    expect(JSON.stringify(rates.spec)).toContain('"label":"yours = 0.050759"');
    expect(rates.alt).toContain('0.5 × the true limit');
  });

  it('says a right limit is the true one', () => {
    const rates = plot(graded.correct, 'learning-rates');
    expect(rates.caption).toContain(
      'Your maxStableLearningRate gives 0.10152 for these points: the true limit, within the tolerance of the check that grades it.',
    );
    expect(JSON.stringify(rates.spec)).toContain('"label":"yours = 0.10152"');
  });
});

function comparisonOf(path: readonly Vec2[], reference: readonly Vec2[]) {
  const verdict = comparePath(path, reference, 0.3);
  return verdict.pass ? { matches: true } : { matches: false, difference: verdict.message };
}
