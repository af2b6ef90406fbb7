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
  const element = ARRAY_ELEMENTS[shape];
  if (element) {
    if (!Array.isArray(tree)) return undefined;
    const items: unknown[] = new Array(tree.length);
    for (let i = 0; i < tree.length; i++) if ((items[i] = plainValue(tree[i], element)) === undefined) return undefined;
    return items;
  }
  const fields = RECORD_FIELDS[shape]!;
  const pairs = wirePairs(tree);
  if (pairs?.length !== Object.keys(fields).length) return undefined;
  const record: Record<string, unknown> = {};
  for (const [key, value] of pairs) {
    if (!Object.hasOwn(fields, key) || Object.hasOwn(record, key)) return undefined;
    const plain = plainValue(value, fields[key]);
    if (plain === undefined) return undefined;
    record[key] = plain;
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

/** The shapes that are arrays, and the shape of each element. */
const ARRAY_ELEMENTS: Partial<Record<AnswerShape, AnswerShape>> = {
  'Vec2[]': 'Vec2',
  'number[]': 'number',
  'number[][]': 'number[]',
};

/** The shapes that are records: exactly these keys, each with its own shape. */
const RECORD_FIELDS: Partial<Record<AnswerShape, Readonly<Record<string, AnswerShape>>>> = {
  Gradient: { dm: 'number', db: 'number' },
  Line: { m: 'number', b: 'number' },
  Vec2: { x: 'number', y: 'number' },
  DescentResult: { line: 'Line', costs: 'number[]' },
  Scaler: { mean: 'number[]', std: 'number[]' },
  LinearModel: { w: 'number[]', b: 'number' },
  ModelGradient: { dw: 'number[]', db: 'number' },
  MultiDescentResult: { model: 'LinearModel', costs: 'number[]' },
};

/** How each array shape is named to a student. */
const ARRAY_WORDS: Partial<Record<AnswerShape, string>> = {
  'Vec2[]': 'an array of points { x, y }',
  'number[]': 'an array of numbers',
  'number[][]': 'an array of rows, each an array of numbers',
};

/** A returned value as an outcome: `ok` when it has the shape `fn` answers with, else the kind of problem and what to look for. */
export function validateAnswer(value: unknown, fn: ExportName): CallOutcome {
  const shape = ANSWER_SHAPES[fn];
  const problem = shapeProblem(value, shape, shape === 'Vec2[]' ? 'path' : 'the result');
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
  const element = ARRAY_ELEMENTS[shape];
  if (element) {
    if (!Array.isArray(value))
      return {
        kind: 'wrong-type',
        text: `returned ${describe(value)} for ${path}, where ${ARRAY_WORDS[shape]} was expected.`,
      };
    for (let i = 0; i < value.length; i++) {
      const p = shapeProblem(value[i], element, `${path === 'the result' ? 'result' : path}[${i}]`);
      if (p) return p;
    }
    return undefined;
  }
  const fields = RECORD_FIELDS[shape]!;
  const expected = Object.keys(fields);
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
    const p = shapeProblem(
      (value as Record<string, unknown>)[k],
      fields[k],
      path === 'the result' ? k : `${path}.${k}`,
    );
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
