import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Point, Vec2 } from '../../exercises/types';
import { KIT_ROOT } from '../../grader/data/paths';
import { VALLEY_BOWL } from '../../grader/shipped/exercises/05-valley/public-checks';
import { eigenvalues } from '../../grader/shipped/exercises/11-momentum/public-checks';
import {
  costBowl,
  dataCsv,
  MOMENTUM_EXAMPLES,
  RATE_EXAMPLES,
} from '../../grader/shipped/exercises/11-momentum/grading/checks';
import { computeCost } from '../../solutions/01-cost/cost';
import { computeGradient } from '../../solutions/02-gradient/gradient';
import { descend, valley, valleyGradient } from '../../solutions/05-valley/valley';
import { leastSquares, maxStableLearningRate } from '../../solutions/06-learning-rate/learning-rate';
import { descendWithMomentum, maxStableMomentumRate } from '../../solutions/11-momentum/momentum';

/** The README with the Unicode minus read as a minus, so that numbers can be searched as the reference prints them. */
const README = readFileSync(join(KIT_ROOT, 'exercises', '11-momentum', 'README.md'), 'utf8').replace(/−/g, '-');

/** The README's prose on one line, for quotes that wrap. */
const FLAT = README.replace(/\s+/g, ' ');

/** A number as the README writes it: `digits` significant digits, without trailing zeros. */
const quoted = (value: number, digits: number) => String(Number(value.toPrecision(digits)));
const pair = (p: Vec2, digits = 12) => `(${quoted(p.x, digits)}, ${quoted(p.y, digits)})`;
const THREE: Point[] = [
  { x: -2, y: 1 },
  { x: 0, y: 2 },
  { x: 2, y: 6 },
];
const jGradient = (points: readonly Point[]) => (p: Vec2) => {
  const g = computeGradient(points, { m: p.x, b: p.y });
  return { x: g.dm, y: g.db };
};
const cost = (points: readonly Point[], p: Vec2) => computeCost(points, { m: p.x, b: p.y });

/** The row that starts with `first` of the first table after `after`. */
function row(first: string, after = '## Worked example'): string {
  const line = README.slice(README.indexOf(after))
    .split('\n')
    .find((l) => l.startsWith(`| ${first} |`));
  if (!line) throw new Error(`no table row starting with "${first}"`);
  return line;
}

/**
 * Every number 11-momentum's README quotes is the reference's, computed again here, and its worked
 * examples are the first inputs of the checks titled "matches the worked examples".
 */
describe("11-momentum's README", () => {
  it('the valley walk: each gradient, velocity and point of heavy ball, and plain descent beside it', () => {
    const path = descendWithMomentum(valleyGradient, { x: 1, y: 0 }, 0.1, 0.5, 3);
    const plain = descend(valleyGradient, { x: 1, y: 0 }, 0.1, 3);
    for (let k = 0; k < 3; k++) {
      const velocity = { x: path[k + 1].x - path[k].x, y: path[k + 1].y - path[k].y };
      expect(row(String(k))).toBe(
        `| ${k} | ${pair(valleyGradient(path[k]))} | ${pair(velocity)} | ${pair(path[k + 1])} | ${pair(plain[k + 1])} |`,
      );
    }
    expect(FLAT).toContain(`f is ${quoted(valley(path[3]), 6)} with momentum`);
    expect(FLAT).toContain(`and ${quoted(valley(plain[3]), 6)} without`);
    expect(FLAT).toContain(`\`${path[2].y}\``);
  });

  it('the other bowl', () => {
    const path = descendWithMomentum((p) => ({ x: 2 * p.x, y: 8 * p.y }), { x: 1, y: 1 }, 0.1, 0.5, 2);
    expect(FLAT).toContain(`[${path.map((p) => pair(p)).join(', ')}]`);
  });

  it('the limits on three points, and the costs either side of the plain limit', () => {
    const [top] = eigenvalues(costBowl(THREE));
    expect(top).toBeCloseTo(16 / 3, 12);
    expect(FLAT).toContain(`06's limit is 2/(16/3) = ${maxStableLearningRate(THREE)}`);
    for (const beta of [0, 0.5, 0.9])
      expect(row(String(beta), '**The limit.**')).toContain(`**${quoted(maxStableMomentumRate(THREE, beta), 12)}**`);
    const costs = (beta: number) => {
      const path = descendWithMomentum(jGradient(THREE), { x: 0, y: 0 }, 0.5, beta, 20);
      return [0, 1, 2, 3, 4, 20].map((k) => {
        const shown = cost(THREE, path[k]).toPrecision(4);
        return shown.includes('e') ? shown : String(Number(shown));
      });
    };
    expect(row('plain descent (β = 0)')).toBe(`| plain descent (β = 0) | ${costs(0).join(' | ')} |`);
    expect(row('heavy ball, β = 0.5')).toBe(`| heavy ball, β = 0.5 | ${costs(0.5).join(' | ')} |`);
    expect(0.5).toBeGreaterThan(maxStableLearningRate(THREE));
    expect(0.5).toBeLessThan(maxStableMomentumRate(THREE, 0.5));
  });

  it("data.csv's narrow valley: its eigenvalues, its best line, and the distance left after 100 and 1000 steps", () => {
    const data = dataCsv();
    const [top, bottom] = eigenvalues(costBowl(data));
    const best = leastSquares(data);
    expect(FLAT).toContain(`λmax ≈ ${top.toFixed(1)}`);
    expect(FLAT).toContain(`λmin ≈ ${bottom.toFixed(4)}`);
    expect(FLAT).toContain(`about ${(Math.round(top / bottom / 1000) * 1000).toLocaleString('en')} times apart`);
    expect(FLAT).toContain(`m ≈ ${best.m.toFixed(5)}, b ≈ ${best.b.toFixed(5)}`);
    const distance = (p: Vec2) => Math.hypot(p.x - best.m, p.y - best.b);
    expect(FLAT).toContain(`${distance({ x: 0, y: 0 }).toFixed(4)} from the start`);
    const eta = 1 / top;
    expect(eta).toBeCloseTo(maxStableLearningRate(data) / 2, 15);
    expect(FLAT).toContain(`η = 1/λmax ≈ ${quoted(eta, 6)}`);
    for (const beta of [0, 0.5, 0.9, 0.99]) {
      const path = descendWithMomentum(jGradient(data), { x: 0, y: 0 }, eta, beta, 1000);
      const label = beta === 0 ? '0 (plain descent)' : String(beta);
      expect(row(label, '**The narrow valley of data.csv.**')).toBe(
        `| ${label} | ${distance(path[100]).toFixed(3)} | ${distance(path[1000]).toFixed(3)} |`,
      );
    }
    expect(FLAT).toContain(
      `\`maxStableMomentumRate(data, 0.9)\` is about ${quoted(maxStableMomentumRate(data, 0.9), 6)}`,
    );
    expect(FLAT).toContain(`06's ${quoted(maxStableLearningRate(data), 6)}`);
  });

  it("the worked examples are the first inputs of the checks' worked examples", () => {
    expect(MOMENTUM_EXAMPLES[0]).toEqual({
      bowl: VALLEY_BOWL,
      start: { x: 1, y: 0 },
      learningRate: 0.1,
      momentum: 0.5,
      iterations: 3,
    });
    expect(MOMENTUM_EXAMPLES[1]).toMatchObject({
      start: { x: 1, y: 1 },
      learningRate: 0.1,
      momentum: 0.5,
      iterations: 2,
    });
    expect(MOMENTUM_EXAMPLES[1].bowl.hessian).toEqual([
      [2, 0],
      [0, 8],
    ]);
    expect(RATE_EXAMPLES.slice(0, 3)).toEqual([0.5, 0, 0.9].map((momentum) => ({ points: THREE, momentum })));
  });
});
