import fc from 'fast-check';
import { describe, it } from 'vitest';
import { step } from '../exercises/03-step/step';
import { expectClose, gradient, line, points, rate, WORKED_POINTS } from './support';

describe('03-step', () => {
  it('matches the worked example', () => {
    const next = step(WORKED_POINTS, { m: 1, b: 1 }, 0.1);
    expectClose(next.m, 1.25);
    expectClose(next.b, 1.1);
  });

  it('moves both parameters against the gradient at the start, at once', () => {
    fc.assert(
      fc.property(points, line, rate, (ps, l, eta) => {
        const g = gradient(ps, l);
        const next = step(ps, l, eta);
        expectClose(next.m, l.m - eta * g.dm);
        expectClose(next.b, l.b - eta * g.db);
      }),
    );
  });

  it('stays put with a learning rate of 0', () => {
    fc.assert(
      fc.property(points, line, (ps, l) => {
        const next = step(ps, l, 0);
        expectClose(next.m, l.m);
        expectClose(next.b, l.b);
      }),
    );
  });
});
