import { ANSWER_SHAPES, exerciseFile, type AnswerShape, type ExportName, type ExerciseId } from '../exercises';
import { decodeWire } from '../wire/wire';
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
  if (answer.kind === 'timeout') return fail('timeout', `${fn} did not finish within ${timeoutMs} ms: look for a loop that never ends or work that grows too fast.`);
  if (answer.kind === 'malformed') return fail('crashed', `${fn} could not be run (${answer.detail}).`);
  if (answer.text.length > MAX_ANSWER_CHARS) return fail('wrong-type', `${fn} returned an answer of ${answer.text.length} characters, far more than it should.`);
  let reply: KitReply;
  try {
    reply = decodeWire(answer.text) as KitReply;
  } catch {
    return fail('crashed', `${fn} produced an answer the grader could not read.`);
  }
  if (reply === null || typeof reply !== 'object') return fail('crashed', `${fn} produced an answer the grader could not read.`);
  if (reply.ok === true) {
    const outcome = validate(reply.value, ANSWER_SHAPES[fn], fn);
    return outcome.ok && Array.isArray(reply.argumentsAfter) ? { ...outcome, argumentsAfter: reply.argumentsAfter } : outcome;
  }
  const message = typeof reply.error?.message === 'string' ? reply.error.message : '';
  const name = typeof reply.error?.name === 'string' ? reply.error.name : 'Error';
  switch (reply.kind) {
    case 'missing-export': {
      const found = Array.isArray(reply.found) ? reply.found.filter((n): n is string => typeof n === 'string') : [];
      const list = found.length ? found.map((n) => `"${n}"`).join(', ') : 'nothing';
      return fail('missing-export', `${where} exports no function named "${fn}" (found: ${list}). Export it with \`export function ${fn}(…)\`.`);
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

const RECORD_KEYS: Partial<Record<AnswerShape, readonly string[]>> = {
  Gradient: ['dm', 'db'],
  Line: ['m', 'b'],
  Vec2: ['x', 'y'],
};

function validate(value: unknown, shape: AnswerShape, fn: string): CallOutcome {
  const problem = shapeProblem(value, shape, 'the result');
  if (problem) return fail(problem.kind, `${fn} ${problem.text}`, value);
  return { ok: true, value };
}

interface ShapeProblem { kind: 'wrong-type' | 'not-finite'; text: string }

function shapeProblem(value: unknown, shape: AnswerShape, path: string): ShapeProblem | undefined {
  if (shape === 'number') {
    if (typeof value !== 'number') return { kind: 'wrong-type', text: `returned ${describe(value)} for ${path}, where a number was expected.` };
    if (!Number.isFinite(value)) return { kind: 'not-finite', text: `returned ${String(value)} for ${path}: look for a division by zero or a value that grew without bound.` };
    return undefined;
  }
  if (shape === 'Vec2[]') {
    if (!Array.isArray(value)) return { kind: 'wrong-type', text: `returned ${describe(value)}, where an array of points { x, y } was expected.` };
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
    if (extra.length || !keys.includes('line') || !keys.includes('costs')) return { kind: 'wrong-type', text: `returned an object with keys {${keys.join(', ')}}, where exactly { line, costs } was expected.` };
    const record = value as Record<string, unknown>;
    const lineProblem = shapeProblem(record.line, 'Line', 'line');
    if (lineProblem) return lineProblem;
    if (!Array.isArray(record.costs)) return { kind: 'wrong-type', text: `returned ${describe(record.costs)} for costs, where an array of numbers was expected.` };
    for (let i = 0; i < record.costs.length; i++) {
      const p = shapeProblem(record.costs[i], 'number', `costs[${i}]`);
      if (p) return p;
    }
    return undefined;
  }
  const expected = RECORD_KEYS[shape]!;
  const keys = recordKeys(value);
  if (!keys) return { kind: 'wrong-type', text: `returned ${describe(value)} for ${path}, where { ${expected.join(', ')} } was expected.` };
  const missing = expected.filter((k) => !keys.includes(k));
  const extra = keys.filter((k) => !expected.includes(k));
  if (missing.length || extra.length) {
    return { kind: 'wrong-type', text: `returned { ${keys.join(', ')} } for ${path}, where exactly { ${expected.join(', ')} } was expected${missing.length ? ` (missing ${missing.join(', ')})` : ''}.` };
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
    return type === 'Promise' ? 'a Promise (the functions are synchronous: remove `async` and `await`)' : type === 'undefined' ? 'undefined (is a `return` missing?)' : `a ${type}`;
  }
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
