/**
 * The text format of every value that crosses into or out of student code: JSON, except that
 * NaN, ±Infinity and −0 survive, and an object's own keys travel as a list of pairs so that no key
 * (not even `__proto__`) can reach a prototype.
 */
export type WireValue = number | string | boolean | null | WireValue[] | { readonly [key: string]: WireValue };

const SPECIAL_NUMBERS: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 };

function encodeNumber(n: number): unknown {
  if (Number.isNaN(n)) return { $num: 'NaN' };
  if (n === Infinity) return { $num: 'Infinity' };
  if (n === -Infinity) return { $num: '-Infinity' };
  if (n === 0 && 1 / n < 0) return { $num: '-0' };
  return n;
}

function toWireTree(value: unknown): unknown {
  if (typeof value === 'number') return encodeNumber(value);
  if (Array.isArray(value)) return value.map(toWireTree);
  if (value !== null && typeof value === 'object') {
    return { $obj: Object.entries(value).map(([k, v]) => [k, toWireTree(v)]) };
  }
  return value;
}

function tagSpecialNumber(_key: string, value: unknown): unknown {
  return typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0)) ? encodeNumber(value) : value;
}

/**
 * Arguments for student code, which are trusted plain data: JSON with NaN, ±Infinity and −0
 * tagged, and `{ $gradient: … }` left for the realm to turn into a function.
 */
export function encodeArguments(args: readonly unknown[]): string {
  let text = encodedArguments.get(args);
  if (text === undefined) {
    text = hasSpecialNumber(args) ? JSON.stringify(args, tagSpecialNumber) : JSON.stringify(args);
    encodedArguments.set(args, text);
  }
  return text;
}

/** The same arguments array is encoded once, though the call cache and the door both need its text. */
const encodedArguments = new WeakMap<readonly unknown[], string>();

function hasSpecialNumber(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value) || Object.is(value, -0);
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(hasSpecialNumber);
  for (const key in value) if (hasSpecialNumber((value as Record<string, unknown>)[key])) return true;
  return false;
}

export function encodeWire(value: unknown): string {
  return JSON.stringify(toWireTree(value));
}

/** A value the other side sent that is not a value: a function, a Promise, `undefined`… */
export interface ForeignValue {
  readonly $type: string;
}

export function isForeignValue(value: unknown): value is ForeignValue {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    typeof (value as ForeignValue).$type === 'string' &&
    Object.keys(value).length === 1
  );
}

function fromWireTree(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(fromWireTree);
  if (node !== null && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (typeof record.$num === 'string' && record.$num in SPECIAL_NUMBERS) return SPECIAL_NUMBERS[record.$num];
    if (Array.isArray(record.$obj)) {
      const out: Record<string, unknown> = Object.create(null);
      for (const pair of record.$obj) {
        if (Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'string') {
          Object.defineProperty(out, pair[0], {
            value: fromWireTree(pair[1]),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
      }
      return out;
    }
    if (typeof record.$type === 'string') return { $type: record.$type };
    const out: Record<string, unknown> = Object.create(null);
    for (const [key, value] of Object.entries(record))
      Object.defineProperty(out, key, {
        value: fromWireTree(value),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return out;
  }
  return node;
}

export function decodeWire(text: string): unknown {
  return fromWireTree(JSON.parse(text));
}

/** `decodeWire` for text that is already parsed. */
export function decodeWireTree(tree: unknown): unknown {
  return fromWireTree(tree);
}
