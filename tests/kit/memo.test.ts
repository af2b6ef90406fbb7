import { describe, expect, it } from 'vitest';
import { memoRecentAsync } from '../../grader/shipped/memo';

describe('memoRecentAsync', () => {
  it('starts the same work once, even while it is still running', async () => {
    let started = 0;
    const slowDouble = memoRecentAsync(
      4,
      (n: number) => String(n),
      async (n: number) => {
        started++;
        await new Promise((resolve) => setTimeout(resolve, 5));
        return 2 * n;
      },
    );
    expect(await Promise.all([slowDouble(1), slowDouble(1), slowDouble(2)])).toEqual([2, 2, 4]);
    expect(await slowDouble(1)).toBe(2);
    expect(started).toBe(2);
  });

  it('forgets work that failed, so the next call tries again', async () => {
    let attempts = 0;
    const flaky = memoRecentAsync(
      4,
      () => 'key',
      async () => {
        attempts++;
        if (attempts === 1) throw new Error('first try fails');
        return 'second try';
      },
    );
    await expect(flaky()).rejects.toThrow('first try fails');
    expect(await flaky()).toBe('second try');
    expect(await flaky()).toBe('second try');
    expect(attempts).toBe(2);
  });

  it('keeps the most recently used results, up to its limit', async () => {
    const computed: number[] = [];
    const square = memoRecentAsync(
      2,
      (n: number) => String(n),
      async (n: number) => (computed.push(n), n * n),
    );
    await square(1);
    await square(2);
    await square(1);
    await square(3);
    await square(1);
    await square(2);
    expect(computed).toEqual([1, 2, 3, 2]);
  });
});
