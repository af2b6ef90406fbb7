import { ANSWER_SHAPES, exerciseFile, type AnswerShape, type ExportName, type ExerciseId } from '../contract/exercises';
import { decodeWireTree } from '../wire/wire';
import type { CallError, CallOutcome } from './port';
import type { RealmAnswer } from './realm';

/** Answers longer than this are refused unread: no correct answer to any check comes near it. */
export const MAX_ANSWER_CHARS = 4_000_000;

interface KitReply {
  ok?: unknown;
  value?: unknown;
  kind?: unknown;
  error?: { name?: unknown; message?: unknown };
  found?: unknown;
  argumentsAfter?: unknown;
}

/** Turns what a realm said into a validated outcome. Nothing the student wrote can make this return `ok` with a value of the wrong shape. */
export function outcomeOf(answer: RealmAnswer, exercise: ExerciseId, fn: ExportName, timeoutMs: number): CallOutcome {
  const where = `${exercise}/${exerciseFile(exercise)}`;
  if (answer.kind === 'timeout')
    return fail(
      'timeout',
      `${fn} did not finish within ${timeoutMs} ms: look for a loop that never ends or work that grows too fast.`,
    );
  if (answer.kind === 'malformed') return fail('crashed', `${fn} could not be run (${answer.detail}).`);
  if (answer.text.length > MAX_ANSWER_CHARS)
    return fail('wrong-type', `${fn} returned an answer of ${answer.text.length} characters, far more than it should.`);
  let tree: unknown;
  try {
    tree = JSON.parse(answer.text);
  } catch {
    return fail('crashed', `${fn} produced an answer the grader could not read.`);
  }
  const quick = quickOutcome(tree, ANSWER_SHAPES[fn]);
  if (quick) return quick;
  const reply = decodeWireTree(tree) as KitReply;
  if (reply === null || typeof reply !== 'object')
    return fail('crashed', `${fn} produced an answer the grader could not read.`);
  if (reply.ok === true) {
    const outcome = validateAnswer(reply.value, fn);
    return outcome.ok && Array.isArray(reply.argumentsAfter)
      ? { ...outcome, argumentsAfter: reply.argumentsAfter }
      : outcome;
  }
  const message = typeof reply.error?.message === 'string' ? reply.error.message : '';
  const name = typeof reply.error?.name === 'string' ? reply.error.name : 'Error';
  switch (reply.kind) {
    case 'missing-export': {
      const found = Array.isArray(reply.found) ? reply.found.filter((n): n is string => typeof n === 'string') : [];
      const list = found.length ? found.map((n) => `"${n}"`).join(', ') : 'nothing';
      return fail(
        'missing-export',
        `${where} exports no function named "${fn}" (found: ${list}). Export it with \`export function ${fn}(…)\`.`,
      );
    }
    case 'load-failed':
      return fail('load-failed', `${where} failed while it was being imported: ${name}: ${message}`);
    case 'threw':
      if (/^not implemented/i.test(message)) return fail('not-implemented', `${fn} is not implemented yet.`);
      return fail('threw', `${fn} threw ${name}: ${message}`);
    default:
      return fail('wrong-type', `${fn} returned something the grader cannot use: ${message || 'unknown'}.`);
  }
}

function fail(kind: CallError['kind'], message: string, returned?: unknown): CallOutcome {
  return { ok: false, error: returned === undefined ? { kind, message } : { kind, message, returned } };
}

/**
 * Most answers are right-shaped: an `ok` reply whose value has exactly the expected keys and finite
 * numbers. Those are decoded straight into plain objects (the keys are known, so none can reach a
 * prototype), skipping the general decoder. Anything else, arguments observed after the call
 * included, answers undefined and takes the general path, which also says what is wrong.
 */
function quickOutcome(tree: unknown, shape: AnswerShape): CallOutcome | undefined {
  if (tree === null || typeof tree !== 'object' || Array.isArray(tree)) return undefined;
  const reply = tree as KitReply;
  if (reply.ok !== true || reply.argumentsAfter !== undefined) return undefined;
  const value = plainValue(reply.value, shape);
  return value === undefined ? undefined : { ok: true, value };
}

function plainValue(tree: unknown, shape: AnswerShape): unknown {
  if (shape === 'number') return typeof tree === 'number' && Number.isFinite(tree) ? tree : undefined;
  if (shape === 'Vec2[]') {
    if (!Array.isArray(tree)) return undefined;
    const points: unknown[] = new Array(tree.length);
    for (let i = 0; i < tree.length; i++) if ((points[i] = plainValue(tree[i], 'Vec2')) === undefined) return undefined;
    return points;
  }
  const pairs = wirePairs(tree);
  if (shape === 'DescentResult') {
    if (pairs?.length !== 2 || pairs[0][0] === pairs[1][0]) return undefined;
    const result: Record<string, unknown> = {};
    for (const [key, value] of pairs) {
      const plain = key === 'line' ? plainValue(value, 'Line') : key === 'costs' ? finiteNumbers(value) : undefined;
      if (plain === undefined) return undefined;
      result[key] = plain;
    }
    return result;
  }
  const expected = RECORD_KEYS[shape]!;
  if (pairs?.length !== expected.length) return undefined;
  const record: Record<string, number> = {};
  for (const [key, value] of pairs) {
    if (!expected.includes(key) || key in record || typeof value !== 'number' || !Number.isFinite(value))
      return undefined;
    record[key] = value;
  }
  return record;
}

/** The key/value pairs of an object in wire format, when they are all well formed. */
function wirePairs(tree: unknown): [string, unknown][] | undefined {
  if (tree === null || typeof tree !== 'object' || Array.isArray(tree)) return undefined;
  const pairs = (tree as { $obj?: unknown }).$obj;
  if (!Array.isArray(pairs) || Object.keys(tree).length !== 1) return undefined;
  for (const pair of pairs)
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string') return undefined;
  return pairs as [string, unknown][];
}

function finiteNumbers(tree: unknown): number[] | undefined {
  if (!Array.isArray(tree)) return undefined;
  for (const n of tree) if (typeof n !== 'number' || !Number.isFinite(n)) return undefined;
  return tree as number[];
}

const RECORD_KEYS: Partial<Record<AnswerShape, readonly string[]>> = {
  Gradient: ['dm', 'db'],
  Line: ['m', 'b'],
  Vec2: ['x', 'y'],
};

/** A returned value as an outcome: `ok` when it has the shape `fn` answers with, else the kind of problem and what to look for. */
export function validateAnswer(value: unknown, fn: ExportName): CallOutcome {
  const problem = shapeProblem(value, ANSWER_SHAPES[fn], 'the result');
  if (problem) return fail(problem.kind, `${fn} ${problem.text}`, value);
  return { ok: true, value };
}

interface ShapeProblem {
  kind: 'wrong-type' | 'not-finite';
  text: string;
}

function shapeProblem(value: unknown, shape: AnswerShape, path: string): ShapeProblem | undefined {
  if (shape === 'number') {
    if (typeof value !== 'number')
      return { kind: 'wrong-type', text: `returned ${describe(value)} for ${path}, where a number was expected.` };
    if (!Number.isFinite(value))
      return {
        kind: 'not-finite',
        text: `returned ${String(value)} for ${path}: look for a division by zero or a value that grew without bound.`,
      };
    return undefined;
  }
  if (shape === 'Vec2[]') {
    if (!Array.isArray(value))
      return {
        kind: 'wrong-type',
        text: `returned ${describe(value)}, where an array of points { x, y } was expected.`,
      };
    for (let i = 0; i < value.length; i++) {
      const p = shapeProblem(value[i], 'Vec2', `path[${i}]`);
      if (p) return p;
    }
    return undefined;
  }
  if (shape === 'DescentResult') {
    const keys = recordKeys(value);
    if (!keys) return { kind: 'wrong-type', text: `returned ${describe(value)}, where { line, costs } was expected.` };
    const extra = keys.filter((k) => k !== 'line' && k !== 'costs');
    if (extra.length || !keys.includes('line') || !keys.includes('costs'))
      return {
        kind: 'wrong-type',
        text: `returned an object with keys {${keys.join(', ')}}, where exactly { line, costs } was expected.`,
      };
    const record = value as Record<string, unknown>;
    const lineProblem = shapeProblem(record.line, 'Line', 'line');
    if (lineProblem) return lineProblem;
    if (!Array.isArray(record.costs))
      return {
        kind: 'wrong-type',
        text: `returned ${describe(record.costs)} for costs, where an array of numbers was expected.`,
      };
    for (let i = 0; i < record.costs.length; i++) {
      const p = shapeProblem(record.costs[i], 'number', `costs[${i}]`);
      if (p) return p;
    }
    return undefined;
  }
  const expected = RECORD_KEYS[shape]!;
  const keys = recordKeys(value);
  if (!keys)
    return {
      kind: 'wrong-type',
      text: `returned ${describe(value)} for ${path}, where { ${expected.join(', ')} } was expected.`,
    };
  const missing = expected.filter((k) => !keys.includes(k));
  const extra = keys.filter((k) => !expected.includes(k));
  if (missing.length || extra.length) {
    return {
      kind: 'wrong-type',
      text: `returned { ${keys.join(', ')} } for ${path}, where exactly { ${expected.join(', ')} } was expected${missing.length ? ` (missing ${missing.join(', ')})` : ''}.`,
    };
  }
  for (const k of expected) {
    const p = shapeProblem((value as Record<string, unknown>)[k], 'number', `${path}.${k}`);
    if (p) return p;
  }
  return undefined;
}

function recordKeys(value: unknown): string[] | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  if ('$type' in value) return undefined;
  return Object.keys(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && typeof (value as { $type?: unknown }).$type === 'string') {
    const type = (value as { $type: string }).$type;
    return type === 'Promise'
      ? 'a Promise (the functions are synchronous: remove `async` and `await`)'
      : type === 'undefined'
        ? 'undefined (is a `return` missing?)'
        : `a ${type}`;
  }
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
