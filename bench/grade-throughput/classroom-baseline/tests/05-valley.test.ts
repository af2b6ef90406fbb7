import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { descend, valley, valleyGradient } from '../exercises/05-valley/valley';
import { expectClose } from './support';

const vec = fc.record({
  x: fc.integer({ min: -40, max: 40 }).map((k) => k / 4),
  y: fc.integer({ min: -40, max: 40 }).map((k) => k / 4),
});

describe('05-valley', () => {
  it('matches the worked examples', () => {
    expectClose(valley({ x: 1, y: 2 }), 7);
    const g = valleyGradient({ x: 1, y: 2 });
    expectClose(g.x, 4);
    expectClose(g.y, 5);
    const path = descend(valleyGradient, { x: 1, y: 0 }, 0.1, 2);
    expect(path).toHaveLength(3);
    expectClose(path[1].x, 0.8);
    expectClose(path[1].y, -0.1);
    expectClose(path[2].x, 0.65);
    expectClose(path[2].y, -0.16);
  });

  it('computes f and ∇f everywhere', () => {
    fc.assert(
      fc.property(vec, (p) => {
        expectClose(valley(p), p.x * p.x + p.x * p.y + p.y * p.y);
        const g = valleyGradient(p);
        expectClose(g.x, 2 * p.x + p.y);
        expectClose(g.y, p.x + 2 * p.y);
      }),
    );
  });

  it('descends any gradient it is given, starting at the start', () => {
    fc.assert(
      fc.property(vec, fc.integer({ min: 0, max: 10 }), (start, iterations) => {
        const path = descend((p) => ({ x: 2 * p.x, y: 4 * p.y }), start, 0.1, iterations);
        expect(path).toHaveLength(iterations + 1);
        expectClose(path[0].x, start.x);
        expectClose(path[0].y, start.y);
        if (iterations) expectClose(path[1].x, start.x * 0.8);
      }),
    );
  });
});
