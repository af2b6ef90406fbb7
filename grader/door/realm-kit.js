// Evaluated inside every fresh vm context before any student code. It is the only code in the
// context that the grader relies on, so it captures the intrinsics it needs before students can
// patch them, and it only ever hands strings back to the host.
(function installRealmKit() {
  'use strict';
  const parse = JSON.parse;
  const stringify = JSON.stringify;
  const isArray = Array.isArray;
  const ownKeys = Object.keys;
  const freeze = Object.freeze;
  const defineProperty = Object.defineProperty;
  const create = Object.create;
  const apply = Reflect.apply;
  const StringOf = String;
  const now = Date.now;
  const MAX_NODES = 2000000;
  const MAX_DEPTH = 6;

  const factories = create(null);
  const instances = create(null);
  let nodes = 0;
  let finished = [];

  function specialNumber(text) {
    if (text === 'NaN') return NaN;
    if (text === 'Infinity') return Infinity;
    if (text === '-Infinity') return -Infinity;
    if (text === '-0') return -0;
    return undefined;
  }

  function quadraticGradient(spec) {
    const h = spec.hessian;
    const c = spec.center;
    const a = +h[0][0], b = +h[0][1], d = +h[1][0], e = +h[1][1], cx = +c[0], cy = +c[1];
    return function gradient(p) {
      const x = p.x - cx;
      const y = p.y - cy;
      return { x: a * x + b * y, y: d * x + e * y };
    };
  }

  /** Arguments arrive as JSON whose special numbers and gradient functions are tagged objects. */
  function reviveArgument(key, value) {
    if (value !== null && typeof value === 'object' && !isArray(value)) {
      if (typeof value.$num === 'string') return specialNumber(value.$num);
      if (value.$gradient) return quadraticGradient(value.$gradient);
    }
    return value;
  }

  function tree(value, depth) {
    if (++nodes > MAX_NODES) throw new RangeError('the answer is too large');
    const type = typeof value;
    if (type === 'number') {
      if (value !== value) return { $num: 'NaN' };
      if (value === Infinity) return { $num: 'Infinity' };
      if (value === -Infinity) return { $num: '-Infinity' };
      if (value === 0 && 1 / value < 0) return { $num: '-0' };
      return value;
    }
    if (type === 'string' || type === 'boolean' || value === null) return value;
    if (type !== 'object') return { $type: type };
    if (depth > MAX_DEPTH) throw new RangeError('the answer is nested too deeply');
    if (typeof value.then === 'function') return { $type: 'Promise' };
    if (isArray(value)) {
      const out = [];
      const n = value.length;
      for (let i = 0; i < n; i++) out[i] = tree(value[i], depth + 1);
      return out;
    }
    const keys = ownKeys(value);
    const pairs = [];
    for (let i = 0; i < keys.length; i++) pairs[i] = [keys[i], tree(value[keys[i]], depth + 1)];
    return { $obj: pairs };
  }

  function describeError(error) {
    let message;
    try {
      message = error !== null && typeof error === 'object' ? StringOf(error.message) : StringOf(error);
    } catch (_) {
      message = '(an error whose message could not be read)';
    }
    let name = 'Error';
    try {
      if (error !== null && typeof error === 'object' && typeof error.name === 'string') name = error.name;
    } catch (_) {}
    return { name: StringOf(name).slice(0, 80), message: StringOf(message).slice(0, 500) };
  }

  function resolve(fromId, specifier) {
    if (typeof specifier !== 'string') return undefined;
    const cleaned = specifier.replace(/\.(ts|js|mjs|cjs)$/, '');
    const base = fromId.split('/');
    base.pop();
    const parts = cleaned.split('/');
    if (parts[0] !== '.' && parts[0] !== '..') return undefined;
    for (let i = 0; i < parts.length; i++) {
      if (parts[i] === '.') continue;
      if (parts[i] === '..') {
        if (base.length === 0) return undefined;
        base.pop();
      } else base.push(parts[i]);
    }
    const id = base.join('/');
    return id in factories || id === 'types' ? id : undefined;
  }

  function load(id) {
    if (id in instances) return instances[id].exports;
    if (id === 'types') return freeze({});
    const module = { exports: {} };
    instances[id] = module;
    const requireFrom = function require(specifier) {
      const target = resolve(id, specifier);
      if (target === undefined) {
        if (/^\.\.\/0\d-[a-z-]+\/[a-z-]+(\.ts|\.js)?$/.test(StringOf(specifier))) {
          throw new Error('import "' + StringOf(specifier) + '" failed: that exercise is missing or does not compile, so fix it first');
        }
        throw new Error('import "' + StringOf(specifier) + '" is not allowed: an exercise may import only its sibling exercises (for example "../02-gradient/gradient") and "../types"');
      }
      return load(target);
    };
    factories[id](module.exports, requireFrom, module);
    return module.exports;
  }

  const kit = freeze({
    define(id, factory) {
      if (!(id in factories)) factories[id] = factory;
    },
    load(id) {
      try {
        const exported = load(id);
        const names = [];
        const keys = ownKeys(exported);
        for (let i = 0; i < keys.length; i++) if (typeof exported[keys[i]] === 'function') names[names.length] = keys[i];
        return stringify({ ok: true, functions: names });
      } catch (error) {
        return stringify({ ok: false, error: describeError(error) });
      }
    },
    call: callOne,
    callBatch(batchText, budgetMs) {
      const calls = parse(batchText);
      const started = now();
      finished = [];
      for (let i = 0; i < calls.length; i++) {
        const c = calls[i];
        finished[i] = callOne(c[0], c[1], c[2], c[3]);
        if (now() - started > budgetMs) break;
      }
      return drain();
    },
    drain,
  });
  function drain() {
    const out = finished;
    finished = [];
    return stringify(out);
  }
  function callOne(id, name, argsText, observeArguments) {
    nodes = 0;
    let exported;
    try {
      exported = load(id);
    } catch (error) {
      return stringify({ ok: false, kind: 'load-failed', error: describeError(error) });
    }
    const fn = exported[name];
    if (typeof fn !== 'function') {
      const found = [];
      const keys = ownKeys(exported);
      for (let i = 0; i < keys.length; i++) found[found.length] = keys[i];
      return stringify({ ok: false, kind: 'missing-export', found });
    }
    const args = parse(argsText, reviveArgument);
    let result;
    try {
      result = apply(fn, undefined, args);
    } catch (error) {
      return stringify({ ok: false, kind: 'threw', error: describeError(error) });
    }
    try {
      const value = tree(result, 0);
      return stringify(observeArguments ? { ok: true, value, argumentsAfter: tree(args, 0) } : { ok: true, value });
    } catch (error) {
      return stringify({ ok: false, kind: 'bad-answer', error: describeError(error) });
    }
  }
  defineProperty(globalThis, '__gradeKit', { value: kit, writable: false, enumerable: false, configurable: false });
})();
