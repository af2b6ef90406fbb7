// Evaluated inside every fresh vm context before any student code. It is the only code in the
// context that the grader relies on, so it captures the intrinsics it needs before students can
// patch them, writes every reply as text by concatenation (so that no patched prototype, setter or
// toJSON can touch it), and only ever hands strings back to the host.
//
// The kit is never reachable from student code: the script evaluates to its one entry function,
// which the host keeps and puts in the entry slot just before it runs an entry; the entry takes
// the slots' contents and empties them before any student code runs.
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
  const hasOwn = Object.prototype.hasOwnProperty;
  const test = RegExp.prototype.test;
  const indexOf = String.prototype.indexOf;
  const slice = String.prototype.slice;
  const StringOf = String;
  const now = Date.now;
  const global = globalThis;
  const functionToString = Function.prototype.toString;
  const functionPrototype = Function.prototype;
  const SIBLING_EXERCISE = /^\.\.\/\d\d-[a-z-]+\/[a-z-]+(\.ts|\.js)?$/;
  const MAX_NODES = 2000000;
  const MAX_DEPTH = 6;

  // The host leaves the names of the context's own globals in the input slot while the kit installs.
  // Every module is compiled as a function of those names, and gets their values as they are now,
  // before any student code runs: a read of a contextified global goes through Node's interceptors.
  const intrinsics = (function () {
    const names = StringOf(globalThis.__gradeInput).split(', ');
    const values = [];
    for (let i = 0; i < names.length; i++) values[i] = globalThis[names[i]];
    return values;
  })();

  const factories = create(null);
  const instances = create(null);
  /** Modules lent by the grader (the reference, in an isolated world): their exports are frozen and their source unreadable. */
  const lent = create(null);
  const lentSources = [];
  let nodes = 0;
  let finished = '';
  let finishedCount = 0;

  const own = (object, key) => apply(hasOwn, object, [key]);
  const quote = (text) => stringify(StringOf(text));

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
    const a = +h[0][0],
      b = +h[0][1],
      d = +h[1][0],
      e = +h[1][1],
      cx = +c[0],
      cy = +c[1];
    return function gradient(p) {
      const x = p.x - cx;
      const y = p.y - cy;
      return { x: a * x + b * y, y: d * x + e * y };
    };
  }

  /**
   * 10's `order(epoch)`: the permutation the grader chose for each epoch, a fresh array each call,
   * so nothing the student does to one answer reaches the next. An epoch past the last, a negative
   * or fractional one, or anything that is not a number wraps onto the list (whole part, modulo).
   * Its entries are defined (with a descriptor of no prototype), not pushed or assigned, so that no
   * patched Array.prototype or Object.prototype (a push, a setter on an index, a `get`) runs inside it.
   */
  function epochOrder(spec) {
    const orders = spec.permutations;
    const count = orders.length;
    return function order(epoch) {
      let k = typeof epoch === 'number' && epoch - epoch === 0 ? epoch - (epoch % 1) : 0;
      k = count ? ((k % count) + count) % count : 0;
      const chosen = count ? orders[k] : [];
      const out = [];
      for (let i = 0; i < chosen.length; i++)
        defineProperty(out, i, {
          __proto__: null,
          value: chosen[i],
          writable: true,
          enumerable: true,
          configurable: true,
        });
      return out;
    };
  }

  /** Arguments arrive as JSON whose special numbers, gradient functions and epoch orders are tagged objects. */
  function reviveArgument(key, value) {
    if (value !== null && typeof value === 'object' && !isArray(value)) {
      if (own(value, '$num')) return specialNumber(value.$num);
      if (own(value, '$gradient')) return quadraticGradient(value.$gradient);
      if (own(value, '$order')) return epochOrder(value.$order);
    }
    return value;
  }

  /** A value as wire text: special numbers tagged, objects as lists of key/value pairs, anything else named by its type. */
  function text(value, depth) {
    if (++nodes > MAX_NODES) throw new RangeError('the answer is too large');
    const type = typeof value;
    if (type === 'number') {
      // Not `=== Infinity`: a global read in a vm context goes through Node's interceptors, slowly.
      if (value - value !== 0)
        return value !== value ? '{"$num":"NaN"}' : value > 0 ? '{"$num":"Infinity"}' : '{"$num":"-Infinity"}';
      if (value === 0 && 1 / value < 0) return '{"$num":"-0"}';
      return stringify(value);
    }
    if (type === 'string') return stringify(value);
    if (type === 'boolean') return value ? 'true' : 'false';
    if (value === null) return 'null';
    if (type !== 'object') return '{"$type":' + quote(type) + '}';
    if (depth > MAX_DEPTH) throw new RangeError('the answer is nested too deeply');
    if (typeof value.then === 'function') return '{"$type":"Promise"}';
    let out = '';
    if (isArray(value)) {
      const n = value.length;
      for (let i = 0; i < n; i++) out += (i ? ',' : '') + text(value[i], depth + 1);
      return '[' + out + ']';
    }
    const keys = ownKeys(value);
    for (let i = 0; i < keys.length; i++)
      out += (i ? ',' : '') + '[' + quote(keys[i]) + ',' + text(value[keys[i]], depth + 1) + ']';
    return '{"$obj":[' + out + ']}';
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
    return (
      '{"name":' +
      quote(apply(slice, StringOf(name), [0, 80])) +
      ',"message":' +
      quote(apply(slice, StringOf(message), [0, 500])) +
      '}'
    );
  }

  function failure(kind, error) {
    return '{"ok":false,"kind":' + quote(kind) + ',"error":' + describeError(error) + '}';
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
        if (apply(test, SIBLING_EXERCISE, [StringOf(specifier)])) {
          throw new Error(
            'import "' +
              StringOf(specifier) +
              '" failed: that exercise is missing or does not compile, so fix it first',
          );
        }
        throw new Error(
          'import "' +
            StringOf(specifier) +
            '" is not allowed: an exercise may import only its sibling exercises (for example "../02-gradient/gradient") and "../types"',
        );
      }
      return load(target);
    };
    try {
      const factory = apply(factories[id], void 0, intrinsics);
      factory(module.exports, requireFrom, module);
    } catch (error) {
      delete instances[id];
      throw error;
    }
    if (id in lent) module.exports = freezeExports(module.exports);
    return module.exports;
  }

  /** A lent module's exports as a frozen copy, so that no student code can swap a function that other lent code calls. */
  function freezeExports(exported) {
    const copy = create(null);
    const keys = ownKeys(exported);
    for (let i = 0; i < keys.length; i++) copy[keys[i]] = exported[keys[i]];
    return freeze(copy);
  }

  /**
   * Function.prototype.toString in a realm that holds lent code: any function whose source lies in
   * a lent module reads as native code, so neither the reference's exports nor a callback it passes
   * to student code (an array method's callback on a student's array, say) shows its source.
   */
  function guardedToString() {
    if (this === guardedToString) return 'function toString() { [native code] }';
    const source = apply(functionToString, this, []);
    for (let i = 0; i < lentSources.length; i++) {
      if (apply(indexOf, lentSources[i], [source]) !== -1) return 'function () { [native code] }';
    }
    return source;
  }

  function lend(id, javascript) {
    lent[id] = true;
    if (lentSources.length === 0)
      defineProperty(functionPrototype, 'toString', {
        value: guardedToString,
        writable: true,
        enumerable: false,
        configurable: true,
      });
    lentSources[lentSources.length] = javascript;
  }

  function functionNames(exported, onlyFunctions) {
    const keys = ownKeys(exported);
    let out = '';
    let count = 0;
    for (let i = 0; i < keys.length; i++) {
      if (onlyFunctions && typeof exported[keys[i]] !== 'function') continue;
      out += (count++ ? ',' : '') + quote(keys[i]);
    }
    return '[' + out + ']';
  }

  function callOne(id, name, argsText, observeArguments) {
    nodes = 0;
    let exported;
    try {
      exported = load(id);
    } catch (error) {
      return failure('load-failed', error);
    }
    // A getter on `exports` is student code: whatever it throws belongs to this call alone.
    let fn;
    try {
      fn = exported[name];
      if (typeof fn !== 'function')
        return '{"ok":false,"kind":"missing-export","found":' + functionNames(exported, false) + '}';
    } catch (error) {
      return failure('threw', error);
    }
    // The reviver costs a call per value: only text with tagged values needs it.
    const args = apply(indexOf, argsText, ['"$']) === -1 ? parse(argsText) : parse(argsText, reviveArgument);
    let result;
    try {
      result = apply(fn, void 0, args);
    } catch (error) {
      return failure('threw', error);
    }
    try {
      const value = text(result, 0);
      return '{"ok":true,"value":' + value + (observeArguments ? ',"argumentsAfter":' + text(args, 0) : '') + '}';
    } catch (error) {
      return failure('bad-answer', error);
    }
  }

  function drain() {
    const out = finished;
    finished = '';
    finishedCount = 0;
    return out;
  }

  /** Where the field of a call line that starts at `start` ends (the index of its tab), or undefined if no tab follows. */
  function field(line, start) {
    const end = apply(indexOf, line, ['\t', start]);
    return end === -1 ? undefined : end;
  }

  /** One line of a batch: `module id <TAB> export name <TAB> 1 or 0 (observe arguments) <TAB> arguments in wire format`. */
  function callLine(line) {
    const a = field(line, 0);
    const b = a === undefined ? undefined : field(line, a + 1);
    const c = b === undefined ? undefined : field(line, b + 1);
    if (c === undefined)
      return '{"ok":false,"kind":"bad-answer","error":{"name":"Error","message":"the grader sent a malformed call"}}';
    return callOne(
      apply(slice, line, [0, a]),
      apply(slice, line, [a + 1, b]),
      apply(slice, line, [c + 1]),
      c === b + 2 && line[b + 1] === '1',
    );
  }

  const entries = {
    /** `binder` takes the context's globals (see `intrinsics`) and returns the module's CommonJS factory; a lent module also brings its source. */
    define(input, binder) {
      const tab = apply(indexOf, input, ['\t']);
      const id = tab === -1 ? input : apply(slice, input, [0, tab]);
      if (typeof binder !== 'function' || id in factories) return '';
      factories[id] = binder;
      if (tab !== -1) lend(id, apply(slice, input, [tab + 1]));
      return '';
    },
    load(id) {
      try {
        return '{"ok":true,"functions":' + functionNames(load(id), true) + '}';
      } catch (error) {
        return '{"ok":false,"error":' + describeError(error) + '}';
      }
    },
    /**
     * Runs a batch, `budget in ms` then one call line per line, in order until the calls are done
     * or the budget is spent. Replies are joined by newlines: every reply is JSON built by this kit,
     * which never contains a raw newline. `drain` hands over what finished if the host's deadline cut in.
     */
    callBatch(batch) {
      let start = apply(indexOf, batch, ['\n']);
      const budgetMs = +apply(slice, batch, [0, start]);
      const started = now();
      finished = '';
      finishedCount = 0;
      while (start !== -1) {
        const end = apply(indexOf, batch, ['\n', start + 1]);
        const reply = callLine(apply(slice, batch, end === -1 ? [start + 1] : [start + 1, end]));
        finished += (finishedCount++ ? '\n' : '') + reply;
        start = end;
        if (now() - started > budgetMs) break;
      }
      return drain();
    },
    drain,
  };

  /**
   * The kit's one way in: the host puts this function in the entry slot, with the entry's name,
   * its input and (for `define`) the compiled module in the other slots, and runs
   * `__gradeEnter()`. It empties every slot before any student code runs, so no student code can
   * reach the kit or read what the host left there.
   */
  return function enter() {
    const entry = global.__gradeEntry;
    const input = StringOf(global.__gradeInput);
    const binder = global.__gradeModule;
    global.__gradeEnter = '';
    global.__gradeEntry = '';
    global.__gradeInput = '';
    global.__gradeModule = '';
    if (entry === 'define') return entries.define(input, binder);
    if (entry === 'load') return entries.load(input);
    if (entry === 'callBatch') return entries.callBatch(input);
    if (entry === 'drain') return entries.drain();
    return '';
  };
})();
