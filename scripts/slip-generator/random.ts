/**
 * A small seeded pseudo-random generator, so that a seed gives the same slips and the same inputs
 * byte for byte on every machine and Node version: mulberry32 (Tommy Ettinger's 32-bit generator,
 * public domain), built only from integer operations (`Math.imul`, shifts), whose results
 * JavaScript fixes exactly. It is not for cryptography; it only has to be reproducible and to
 * spread its draws evenly.
 */
export class SeededRandom {
  private state: number;

  /** A generator seeded from any list of numbers and strings (a seed, an exercise id, a function name). */
  static of(...parts: readonly (string | number)[]): SeededRandom {
    return new SeededRandom(hash32(parts.map(String).join('\u0000')));
  }

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** The next 32 random bits, as an unsigned integer. */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A double in [0, 1) with 53 random bits. */
  next(): number {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * 67108864 + low) / 9007199254740992;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A double in [low, high). */
  between(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  /** 10 to a power drawn uniformly in [lowExponent, highExponent): a magnitude spread evenly over decades. */
  magnitude(lowExponent: number, highExponent: number): number {
    return 10 ** this.between(lowExponent, highExponent);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (!items.length) throw new Error('slip generator: pick from an empty list');
    return items[this.int(0, items.length - 1)];
  }

  /** A new array with the items in a random order (Fisher–Yates). */
  shuffled<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}

/** FNV-1a over the UTF-16 code units of a string: a 32-bit seed from a label. */
function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
