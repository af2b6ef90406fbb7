import fc from 'fast-check';
import { describe, it } from 'vitest';
import { computeGradient } from '../exercises/02-gradient/gradient';
import { expectClose, gradient, line, point, points, WORKED_POINTS } from './support';

describe('02-gradient', () => {
  it('matches the worked example', () => {
    const g = computeGradient(WORKED_POINTS, { m: 1, b: 1 });
    expectClose(g.dm, -2.5);
    expectClose(g.db, -1);
  });

  it('matches ∂J/∂m and ∂J/∂b on random data', () => {
    fc.assert(
      fc.property(points, line, (ps, l) => {
        const [g, want] = [computeGradient(ps, l), gradient(ps, l)];
        expectClose(g.dm, want.dm);
        expectClose(g.db, want.db);
      }),
    );
  });

  it('is zero on a perfect fit', () => {
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 12 }), line, (ps, l) => {
        const onLine = ps.map((p) => ({ x: p.x, y: l.m * p.x + l.b }));
        const g = computeGradient(onLine, l);
        expectClose(g.dm, 0);
        expectClose(g.db, 0);
      }),
    );
  });
});
