/**
 * Caches a pure function of objects by their identity. Inputs are sampled once per process and
 * shared by every submission, so the reference's answer and tolerance for an input are worked
 * out once, not once per student.
 */
export function memoByIdentity<K extends object, R>(compute: (key: K) => R): (key: K) => R {
  const cache = new WeakMap<K, R>();
  return (key) => {
    if (cache.has(key)) return cache.get(key)!;
    const value = compute(key);
    cache.set(key, value);
    return value;
  };
}

/** The same for a pure function of two objects and any number of primitive parameters. */
export function memoByIdentity2<A extends object, B extends object, P extends readonly (number | string)[], R>(
  compute: (a: A, b: B, ...rest: P) => R,
): (a: A, b: B, ...rest: P) => R {
  const cache = new WeakMap<A, WeakMap<B, Map<string, R>>>();
  return (a, b, ...rest) => {
    let byB = cache.get(a);
    if (!byB) cache.set(a, (byB = new WeakMap()));
    let byRest = byB.get(b);
    if (!byRest) byB.set(b, (byRest = new Map()));
    const key = rest.join('|');
    if (!byRest.has(key)) byRest.set(key, compute(a, b, ...rest));
    return byRest.get(key)!;
  };
}

/**
 * Caches the last `limit` results of a pure function by a string key, the most recently used kept
 * longest: for work that repeats across submissions (identical files, plots of the same shape)
 * without holding one entry per submission.
 */
export function memoRecent<A extends readonly unknown[], R>(
  limit: number,
  keyOf: (...args: A) => string,
  compute: (...args: A) => R,
): (...args: A) => R {
  const cache = new Map<string, R>();
  return (...args) => {
    const key = keyOf(...args);
    const value = cache.has(key) ? cache.get(key)! : compute(...args);
    keepRecent(cache, key, value, limit);
    return value;
  };
}

/**
 * `memoRecent` for work that finishes later: the promise is kept, so that the same work asked for
 * again while it runs is not started twice, and a promise that rejects is forgotten, so that the
 * next call tries again.
 */
export function memoRecentAsync<A extends readonly unknown[], R>(
  limit: number,
  keyOf: (...args: A) => string,
  compute: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  const cache = new Map<string, Promise<R>>();
  return (...args) => {
    const key = keyOf(...args);
    let value = cache.get(key);
    if (value === undefined) {
      value = compute(...args);
      value.catch(() => {
        if (cache.get(key) === value) cache.delete(key);
      });
    }
    keepRecent(cache, key, value, limit);
    return value;
  };
}

/** Stores `value` as the most recently used entry, dropping the least recently used one past `limit`. */
function keepRecent<V>(cache: Map<string, V>, key: string, value: V, limit: number): void {
  cache.delete(key);
  cache.set(key, value);
  if (cache.size > limit) cache.delete(cache.keys().next().value!);
}

/**
 * Caches a pure function of an object (by identity) and a number, keeping the last `limit` numbers
 * per object: a judgement of a student's answer on a shared input, where correct students give one
 * of a few answers and wrong ones must not make the cache grow with the class.
 */
export function memoByIdentityAndNumber<K extends object, R>(
  limit: number,
  compute: (key: K, value: number) => R,
): (key: K, value: number) => R {
  const cache = new WeakMap<K, (value: number) => R>();
  return (key, value) => {
    let byValue = cache.get(key);
    if (!byValue)
      cache.set(
        key,
        (byValue = memoRecent(
          limit,
          (n: number) => (Object.is(n, -0) ? '-0' : String(n)),
          (n: number) => compute(key, n),
        )),
      );
    return byValue(value);
  };
}
