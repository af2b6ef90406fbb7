import ts from 'typescript';
import type { CompiledSource } from './compile';

/**
 * The kinds of slip the generator makes, each a small edit of the source that a learner could make
 * by hand. They are written against the code (operators, literals, names, statements), not against
 * the mathematics, so that the mistakes they make are independent of the grader's own models.
 */
export const MUTATION_KINDS = [
  'flip-sign',
  'reverse-subtraction',
  'drop-unary-minus',
  'literal',
  'loop-start',
  'loop-end',
  'comparison-boundary',
  'drop-operand',
  'overwrite-accumulator',
  'divide-by-n-minus-1',
  'drop-division',
  'swap-names',
  'replace-name',
  'swap-returned-fields',
  'return-earlier-value',
  'stale-argument',
  'swap-statements',
  'max-min',
  'constant-learning-rate',
  'alias-in-place',
  'drop-initial-entry',
] as const;

export type MutationKind = (typeof MUTATION_KINDS)[number];

/** Replace the text from `start` to `end` (offsets in the source) by `text`. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** One way to mutate a source: its kind, its edits, and what it changes in words. */
export interface MutationSite {
  readonly kind: MutationKind;
  readonly edits: readonly TextEdit[];
  /** Where and what, for example ``line 7: "+" → "-" in `m * p.x + b` ``. */
  readonly description: string;
}

/** The literals a hard-coded learning rate takes. */
const CONSTANT_LEARNING_RATES = ['0.01', '0.001', '0.1'] as const;
/** Names a learning rate goes by in the exercises and their correct variants. */
const LEARNING_RATE_NAMES = new Set(['learningRate', 'rate', 'lr', 'eta', 'alpha']);
/** Letters that name one of a pair, and their partners: x and y, m and b. */
const MIRRORED_LETTERS: Readonly<Record<string, string>> = {
  x: 'y',
  y: 'x',
  m: 'b',
  b: 'm',
  X: 'Y',
  Y: 'X',
  M: 'B',
  B: 'M',
};
/** Loop counters: swapping or replacing them makes no plausible slip. */
const COUNTER_NAMES = new Set(['i', 'j', 'k']);
const SNIPPET_LENGTH = 72;

/** The source with the edits applied (they must not overlap). */
export function applyEdits(source: string, edits: readonly TextEdit[]): string {
  let out = '';
  let last = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    out += source.slice(last, edit.start) + edit.text;
    last = edit.end;
  }
  return out + source.slice(last);
}

/**
 * Every site where one mutation of each kind applies in a compiled exercise file, in the order of
 * the source. Only code that the exercise's exports can reach is mutated: a slip in a helper that
 * none of them calls (01's `costOfColumns`, used by the train command) would change nothing graded.
 */
export function findMutationSites(compiled: CompiledSource, exportNames: readonly string[]): MutationSite[] {
  const scan = new SourceScan(compiled);
  const sites: MutationSite[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isTypeNode(node) || ts.isImportDeclaration(node) || ts.isInterfaceDeclaration(node)) return;
    if (ts.isTypeAliasDeclaration(node)) return;
    for (const finder of FINDERS) sites.push(...finder(node, scan));
    ts.forEachChild(node, visit);
  };
  for (const statement of reachableStatements(compiled.sourceFile, exportNames)) visit(statement);
  sites.push(...swappedStatements(scan, reachableStatements(compiled.sourceFile, exportNames)));
  return sites;
}

/** The top-level declarations the exports reach, through the names each one mentions. */
function reachableStatements(sourceFile: ts.SourceFile, exportNames: readonly string[]): ts.Statement[] {
  const declared = new Map<string, ts.Statement>();
  for (const statement of sourceFile.statements) {
    if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name)
      declared.set(statement.name.text, statement);
    if (ts.isVariableStatement(statement))
      for (const d of statement.declarationList.declarations)
        if (ts.isIdentifier(d.name)) declared.set(d.name.text, statement);
  }
  const reached = new Set<ts.Statement>();
  const reach = (name: string) => {
    const statement = declared.get(name);
    if (!statement || reached.has(statement)) return;
    reached.add(statement);
    const mention = (node: ts.Node): void => {
      if (ts.isIdentifier(node)) reach(node.text);
      ts.forEachChild(node, mention);
    };
    mention(statement);
  };
  for (const name of exportNames) reach(name);
  return sourceFile.statements.filter((s) => reached.has(s));
}

/** What the finders ask of a source: positions, snippets, types. */
class SourceScan {
  readonly sourceFile: ts.SourceFile;
  readonly checker: ts.TypeChecker;

  constructor(compiled: CompiledSource) {
    this.sourceFile = compiled.sourceFile;
    this.checker = compiled.checker;
  }

  line(node: ts.Node): number {
    return this.sourceFile.getLineAndCharacterOfPosition(node.getStart(this.sourceFile)).line + 1;
  }

  text(node: ts.Node): string {
    return node.getText(this.sourceFile);
  }

  snippet(node: ts.Node | string): string {
    const text = (typeof node === 'string' ? node : this.text(node)).replace(/\s+/g, ' ');
    return text.length > SNIPPET_LENGTH ? `${text.slice(0, SNIPPET_LENGTH - 1)}…` : text;
  }

  replace(node: ts.Node, text: string): TextEdit {
    return { start: node.getStart(this.sourceFile), end: node.getEnd(), text };
  }

  isNumber(node: ts.Node): boolean {
    return (this.checker.getTypeAtLocation(node).flags & ts.TypeFlags.NumberLike) !== 0;
  }

  /** A number, or an array of numbers (plain or typed): what a name swapped for another must hold. */
  isNumeric(node: ts.Node): boolean {
    if (this.isNumber(node)) return true;
    const type = this.checker.getTypeAtLocation(node);
    const text = this.checker.typeToString(type);
    return /^(readonly )?number\[\]$|^Float64Array(<.*>)?$/.test(text);
  }

  /** Each type assignable to the other: the same type for a swap, whatever the aliases and `readonly`s. */
  sameType(a: ts.Type, b: ts.Type): boolean {
    return this.checker.isTypeAssignableTo(a, b) && this.checker.isTypeAssignableTo(b, a);
  }
}

type Finder = (node: ts.Node, scan: SourceScan) => MutationSite[];

const FINDERS: readonly Finder[] = [
  flippedSign,
  reversedSubtraction,
  droppedUnaryMinus,
  changedLiteral,
  movedLoopStart,
  movedLoopEnd,
  movedComparisonBoundary,
  droppedOperand,
  overwrittenAccumulator,
  denominatorLessOne,
  droppedDivision,
  swappedNames,
  replacedName,
  swappedReturnedFields,
  earlierValueReturned,
  staleArgument,
  minForMax,
  constantLearningRate,
  aliasedInPlace,
  droppedInitialEntry,
];

const isBinary = (node: ts.Node, ...operators: ts.SyntaxKind[]): node is ts.BinaryExpression =>
  ts.isBinaryExpression(node) && operators.includes(node.operatorToken.kind);

function flippedSign(node: ts.Node, scan: SourceScan): MutationSite[] {
  const flips: Partial<Record<ts.SyntaxKind, string>> = {
    [ts.SyntaxKind.PlusToken]: '-',
    [ts.SyntaxKind.MinusToken]: '+',
    [ts.SyntaxKind.PlusEqualsToken]: '-=',
    [ts.SyntaxKind.MinusEqualsToken]: '+=',
  };
  if (!ts.isBinaryExpression(node) || !flips[node.operatorToken.kind]) return [];
  if (!scan.isNumber(node.left) || !scan.isNumber(node.right)) return [];
  const before = scan.text(node.operatorToken);
  const after = flips[node.operatorToken.kind]!;
  return [
    {
      kind: 'flip-sign',
      edits: [scan.replace(node.operatorToken, after)],
      description: `line ${scan.line(node)}: "${before}" → "${after}" in \`${scan.snippet(node)}\``,
    },
  ];
}

/** `a - b` → `b - a`: a difference written the other way round (the residual as prediction minus data). */
function reversedSubtraction(node: ts.Node, scan: SourceScan): MutationSite[] {
  if (!isBinary(node, ts.SyntaxKind.MinusToken) || !scan.isNumber(node.left) || !scan.isNumber(node.right)) return [];
  const left = ts.isBinaryExpression(node.left) ? `(${scan.text(node.left)})` : scan.text(node.left);
  const after = `${scan.text(node.right)} - ${left}`;
  return [
    {
      kind: 'reverse-subtraction',
      edits: [scan.replace(node, after)],
      description: `line ${scan.line(node)}: \`${scan.snippet(node)}\` → \`${scan.snippet(after)}\` (the difference the other way round)`,
    },
  ];
}

function droppedUnaryMinus(node: ts.Node, scan: SourceScan): MutationSite[] {
  if (!ts.isPrefixUnaryExpression(node) || node.operator !== ts.SyntaxKind.MinusToken) return [];
  if (!scan.isNumber(node.operand)) return [];
  return [
    {
      kind: 'drop-unary-minus',
      edits: [{ start: node.getStart(scan.sourceFile), end: node.operand.getStart(scan.sourceFile), text: '' }],
      description: `line ${scan.line(node)}: the unary "-" of \`${scan.snippet(node)}\` removed`,
    },
  ];
}

/** The initializer of a `for` loop's counter, when it is a plain number: `let i = 0`. */
function loopStartLiteral(node: ts.Node): boolean {
  const declaration = node.parent;
  return (
    ts.isNumericLiteral(node) &&
    ts.isVariableDeclaration(declaration) &&
    declaration.initializer === node &&
    ts.isVariableDeclarationList(declaration.parent) &&
    ts.isForStatement(declaration.parent.parent)
  );
}

function changedLiteral(node: ts.Node, scan: SourceScan): MutationSite[] {
  if (!ts.isNumericLiteral(node) || loopStartLiteral(node)) return [];
  const after = ({ '2': '1', '1': '2' } as Record<string, string>)[node.text];
  if (!after || scan.text(node) !== node.text) return [];
  let context: ts.Node = node;
  while (ts.isParenthesizedExpression(context.parent) || ts.isPrefixUnaryExpression(context.parent))
    context = context.parent;
  context = context.parent;
  return [
    {
      kind: 'literal',
      edits: [scan.replace(node, after)],
      description: `line ${scan.line(node)}: ${node.text} → ${after} in \`${scan.snippet(context)}\``,
    },
  ];
}

function movedLoopStart(node: ts.Node, scan: SourceScan): MutationSite[] {
  if (!loopStartLiteral(node)) return [];
  const literal = node as ts.NumericLiteral;
  const after = ({ '0': '1', '1': '0' } as Record<string, string>)[literal.text];
  if (!after) return [];
  return [
    {
      kind: 'loop-start',
      edits: [scan.replace(literal, after)],
      description: `line ${scan.line(node)}: the loop starts at ${after} instead of ${literal.text} in \`${scan.snippet(node.parent)}\``,
    },
  ];
}

const COMPARISONS = [
  ts.SyntaxKind.LessThanToken,
  ts.SyntaxKind.LessThanEqualsToken,
  ts.SyntaxKind.GreaterThanToken,
  ts.SyntaxKind.GreaterThanEqualsToken,
];

function loopCondition(node: ts.Node): boolean {
  const parent = node.parent;
  return (
    (ts.isForStatement(parent) && parent.condition === node) ||
    ((ts.isWhileStatement(parent) || ts.isDoStatement(parent)) && parent.expression === node)
  );
}

/** `i < n` → `i < n - 1`, `i >= 0` → `i >= 1`: the loop ends one round early. */
function movedLoopEnd(node: ts.Node, scan: SourceScan): MutationSite[] {
  if (!isBinary(node, ...COMPARISONS) || !loopCondition(node)) return [];
  if (!scan.isNumber(node.left) || !scan.isNumber(node.right)) return [];
  const upward = [ts.SyntaxKind.LessThanToken, ts.SyntaxKind.LessThanEqualsToken].includes(node.operatorToken.kind);
  const bound = node.right;
  const after = ts.isNumericLiteral(bound)
    ? String(Number(bound.text) + (upward ? -1 : 1))
    : `${scan.text(bound)} ${upward ? '-' : '+'} 1`;
  const mutated = `${scan.text(node.left)} ${scan.text(node.operatorToken)} ${after}`;
  return [
    {
      kind: 'loop-end',
      edits: [scan.replace(bound, after)],
      description: `line ${scan.line(node)}: the loop condition \`${scan.snippet(node)}\` → \`${scan.snippet(mutated)}\``,
    },
  ];
}

function movedComparisonBoundary(node: ts.Node, scan: SourceScan): MutationSite[] {
  if (!isBinary(node, ...COMPARISONS) || !scan.isNumber(node.left) || !scan.isNumber(node.right)) return [];
  const partner: Partial<Record<ts.SyntaxKind, string>> = {
    [ts.SyntaxKind.LessThanToken]: '<=',
    [ts.SyntaxKind.LessThanEqualsToken]: '<',
    [ts.SyntaxKind.GreaterThanToken]: '>=',
    [ts.SyntaxKind.GreaterThanEqualsToken]: '>',
  };
  const after = partner[node.operatorToken.kind]!;
  return [
    {
      kind: 'comparison-boundary',
      edits: [scan.replace(node.operatorToken, after)],
      description: `line ${scan.line(node)}: "${scan.text(node.operatorToken)}" → "${after}" in \`${scan.snippet(node)}\``,
    },
  ];
}

/** `a + b` → `a` or `b`, and the same for `-` and `*`: a term or a factor left out. */
function droppedOperand(node: ts.Node, scan: SourceScan): MutationSite[] {
  if (!isBinary(node, ts.SyntaxKind.PlusToken, ts.SyntaxKind.MinusToken, ts.SyntaxKind.AsteriskToken)) return [];
  if (!scan.isNumber(node.left) || !scan.isNumber(node.right)) return [];
  const what = node.operatorToken.kind === ts.SyntaxKind.AsteriskToken ? 'factor' : 'term';
  return [
    [node.left, node.right],
    [node.right, node.left],
  ].map(([kept, dropped]) => ({
    kind: 'drop-operand' as const,
    edits: [scan.replace(node, scan.text(kept))],
    description: `line ${scan.line(node)}: \`${scan.snippet(node)}\` → \`${scan.snippet(kept)}\` (the ${what} \`${scan.snippet(dropped)}\` left out)`,
  }));
}

function insideLoop(node: ts.Node): boolean {
  for (let n = node.parent; n && !ts.isFunctionLike(n); n = n.parent)
    if (ts.isForStatement(n) || ts.isForOfStatement(n) || ts.isForInStatement(n) || ts.isWhileStatement(n)) return true;
  return false;
}

/** `sum += term` → `sum = term` inside a loop: the sum keeps only its last term. */
function overwrittenAccumulator(node: ts.Node, scan: SourceScan): MutationSite[] {
  if (!isBinary(node, ts.SyntaxKind.PlusEqualsToken) || !insideLoop(node) || !scan.isNumber(node.left)) return [];
  return [
    {
      kind: 'overwrite-accumulator',
      edits: [scan.replace(node.operatorToken, '=')],
      description: `line ${scan.line(node)}: "+=" → "=" in \`${scan.snippet(node)}\` (the sum keeps only the last term)`,
    },
  ];
}

/** A count of points: `n`, `N`, `points.length`, `this.count`. */
function isCount(node: ts.Node, scan: SourceScan): boolean {
  const text = scan.text(node);
  return /^(n|N|count|size)$/.test(text) || /\.(length|count)$/.test(text);
}

function denominatorLessOne(node: ts.Node, scan: SourceScan): MutationSite[] {
  if (!isBinary(node, ts.SyntaxKind.SlashToken, ts.SyntaxKind.SlashEqualsToken) || !isCount(node.right, scan))
    return [];
  const after = `(${scan.text(node.right)} - 1)`;
  return [
    {
      kind: 'divide-by-n-minus-1',
      edits: [scan.replace(node.right, after)],
      description: `line ${scan.line(node)}: divides by ${after} instead of \`${scan.text(node.right)}\` in \`${scan.snippet(node)}\``,
    },
  ];
}

function droppedDivision(node: ts.Node, scan: SourceScan): MutationSite[] {
  if (!isBinary(node, ts.SyntaxKind.SlashToken) || !scan.isNumber(node.left) || !scan.isNumber(node.right)) return [];
  if (ts.isNumericLiteral(node.left) && !isCount(node.right, scan)) return [];
  return [
    {
      kind: 'drop-division',
      edits: [scan.replace(node, scan.text(node.left))],
      description: `line ${scan.line(node)}: \`${scan.snippet(node)}\` → \`${scan.snippet(node.left)}\` (the division by \`${scan.snippet(node.right)}\` left out)`,
    },
  ];
}

/**
 * A name read in an expression that holds a number or numbers: `x`, `dm`, `p.x`, `line.m`,
 * `this.total`, `xs` in `xs[i]`. Not a declaration, not a property's name, not a shorthand property.
 */
function isNumericReference(node: ts.Node, scan: SourceScan): node is ts.Identifier | ts.PropertyAccessExpression {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(node)) {
    if (!ts.isIdentifier(node.name)) return false;
  } else if (ts.isIdentifier(node)) {
    if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
    if ((ts.isPropertyAssignment(parent) || ts.isShorthandPropertyAssignment(parent)) && parent.name === node)
      return false;
    if (ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isBindingElement(parent)) return false;
    if (ts.isFunctionLike(parent) || ts.isClassLike(parent) || ts.isPropertyDeclaration(parent)) return false;
  } else return false;
  if (isAssignmentTarget(node)) return false;
  return scan.isNumeric(node);
}

function isAssignmentTarget(node: ts.Node): boolean {
  const parent = node.parent;
  if (ts.isBinaryExpression(parent) && parent.left === node)
    return (
      parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
      parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment
    );
  return (
    (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) &&
    [ts.SyntaxKind.PlusPlusToken, ts.SyntaxKind.MinusMinusToken].includes(parent.operator)
  );
}

const nameOf = (node: ts.Identifier | ts.PropertyAccessExpression): string =>
  ts.isIdentifier(node) ? node.text : node.name.text;

/** The names one letter away in a pair: `dm` → `db`, `meanX` → `meanY`, `sxy` → `syy` and `sxx`. */
function mirrorsOf(name: string): string[] {
  const mirrors: string[] = [];
  for (let i = 0; i < name.length; i++) {
    const partner = MIRRORED_LETTERS[name[i]];
    if (partner) mirrors.push(name.slice(0, i) + partner + name.slice(i + 1));
  }
  return mirrors;
}

/** The text of the same reference under a mirrored name: `p.x` → `p.y`. */
function mirroredText(node: ts.Identifier | ts.PropertyAccessExpression, mirror: string, scan: SourceScan): string {
  return ts.isIdentifier(node) ? mirror : `${scan.text(node.expression)}.${mirror}`;
}

/** The statement or declaration-level expression an expression belongs to; swaps stay inside one. */
function expressionRoot(node: ts.Node): ts.Node {
  let n = node;
  while (n.parent && !isBoundary(n.parent)) n = n.parent;
  return n;
}

function isBoundary(node: ts.Node): boolean {
  return (
    (node.kind >= ts.SyntaxKind.FirstStatement && node.kind <= ts.SyntaxKind.LastStatement) ||
    ts.isBlock(node) ||
    ts.isSourceFile(node) ||
    ts.isFunctionLike(node) ||
    ts.isClassLike(node) ||
    ts.isPropertyDeclaration(node)
  );
}

function referencesIn(root: ts.Node, scan: SourceScan): (ts.Identifier | ts.PropertyAccessExpression)[] {
  const found: (ts.Identifier | ts.PropertyAccessExpression)[] = [];
  const visit = (node: ts.Node): void => {
    if (node !== root && isBoundary(node)) return;
    if (isNumericReference(node, scan)) {
      found.push(node);
      if (ts.isPropertyAccessExpression(node)) return;
    }
    ts.forEachChild(node, visit);
  };
  visit(root);
  return found;
}

/**
 * Two names of a pair swapped where both appear in one expression: `x ↔ y`, `m ↔ b`, `p.x ↔ p.y`,
 * `meanX ↔ meanY`, and two one-letter names outside those pairs (`a ↔ c`).
 */
function swappedNames(node: ts.Node, scan: SourceScan): MutationSite[] {
  if (!node.parent || isBoundary(node) || !isBoundary(node.parent)) return [];
  const references = referencesIn(node, scan);
  const sites: MutationSite[] = [];
  for (let i = 0; i < references.length; i++)
    for (let j = i + 1; j < references.length; j++) {
      const [a, b] = [references[i], references[j]];
      const [textA, textB] = [scan.text(a), scan.text(b)];
      if (textA === textB || !isPair(a, b, scan)) continue;
      const types = [a, b].map((r) => scan.checker.getTypeAtLocation(r));
      if (!scan.sameType(types[0], types[1])) continue;
      sites.push({
        kind: 'swap-names',
        edits: [scan.replace(a, textB), scan.replace(b, textA)],
        description: `line ${scan.line(a)}: \`${textA}\` ↔ \`${textB}\` in \`${scan.snippet(node)}\``,
      });
    }
  return sites;
}

function isPair(
  a: ts.Identifier | ts.PropertyAccessExpression,
  b: ts.Identifier | ts.PropertyAccessExpression,
  scan: SourceScan,
): boolean {
  if (mirrorsOf(nameOf(a)).some((m) => mirroredText(a, m, scan) === scan.text(b))) return true;
  const single = (n: ts.Node) =>
    ts.isIdentifier(n) && n.text.length === 1 && !COUNTER_NAMES.has(n.text) && !MIRRORED_LETTERS[n.text];
  return single(a) && single(b);
}

/** One name read in place of its partner, where the partner exists with the same type: `x * r` → `y * r`. */
function replacedName(node: ts.Node, scan: SourceScan): MutationSite[] {
  if (!isNumericReference(node, scan)) return [];
  const type = scan.checker.getTypeAtLocation(node);
  const sites: MutationSite[] = [];
  for (const mirror of mirrorsOf(nameOf(node))) {
    const partner = ts.isIdentifier(node)
      ? scan.checker.getSymbolsInScope(node, ts.SymbolFlags.Variable).find((s) => s.name === mirror)
      : scan.checker.getTypeAtLocation(node.expression).getProperty(mirror);
    if (!partner || !scan.sameType(type, scan.checker.getTypeOfSymbolAtLocation(partner, node))) continue;
    const after = mirroredText(node, mirror, scan);
    const context = expressionRoot(node);
    sites.push({
      kind: 'replace-name',
      edits: [scan.replace(node, after)],
      description: `line ${scan.line(node)}: \`${scan.text(node)}\` → \`${after}\` in \`${scan.snippet(context)}\``,
    });
  }
  return sites;
}

/** An object literal that is a function's answer or an entry pushed into one: `return { m, b }`, `=> ({ x, y })`, `path.push({ … })`. */
function isAnswerLiteral(node: ts.Node): node is ts.ObjectLiteralExpression {
  if (!ts.isObjectLiteralExpression(node)) return false;
  let parent = node.parent;
  while (ts.isParenthesizedExpression(parent)) parent = parent.parent;
  if (ts.isReturnStatement(parent) || ts.isArrowFunction(parent)) return true;
  return (
    ts.isCallExpression(parent) &&
    ts.isPropertyAccessExpression(parent.expression) &&
    parent.expression.name.text === 'push'
  );
}

type FieldProperty = ts.PropertyAssignment | ts.ShorthandPropertyAssignment;

function fieldsOf(literal: ts.ObjectLiteralExpression): FieldProperty[] {
  return literal.properties.filter(
    (p): p is FieldProperty =>
      (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && ts.isIdentifier(p.name),
  );
}

const valueOf = (field: FieldProperty): ts.Node => (ts.isPropertyAssignment(field) ? field.initializer : field.name);

function swappedReturnedFields(node: ts.Node, scan: SourceScan): MutationSite[] {
  if (!isAnswerLiteral(node)) return [];
  const fields = fieldsOf(node);
  const sites: MutationSite[] = [];
  for (let i = 0; i < fields.length; i++)
    for (let j = i + 1; j < fields.length; j++) {
      const [a, b] = [fields[i], fields[j]];
      const [typeA, typeB] = [a, b].map((f) => scan.checker.getTypeAtLocation(valueOf(f)));
      if (!scan.sameType(typeA, typeB)) continue;
      const nameA = scan.text(a.name);
      const nameB = scan.text(b.name);
      sites.push({
        kind: 'swap-returned-fields',
        edits: [
          scan.replace(a, `${nameA}: ${scan.text(valueOf(b))}`),
          scan.replace(b, `${nameB}: ${scan.text(valueOf(a))}`),
        ],
        description: `line ${scan.line(node)}: the values of "${nameA}" and "${nameB}" swapped in \`${scan.snippet(node)}\``,
      });
    }
  return sites;
}

/** What a function answers: the returned expression, or each field of a returned object literal. */
function answerTargets(node: ts.Node): { target: ts.Node; field?: FieldProperty }[] {
  if (isAnswerLiteral(node)) return fieldsOf(node).map((field) => ({ target: valueOf(field), field }));
  if (ts.isReturnStatement(node) && node.expression && !ts.isObjectLiteralExpression(skipParentheses(node.expression)))
    return [{ target: node.expression }];
  return [];
}

function skipParentheses(node: ts.Expression): ts.Expression {
  return ts.isParenthesizedExpression(node) ? skipParentheses(node.expression) : node;
}

/**
 * An earlier value returned instead of the answer: a variable of the same type declared before it in
 * the same function, or a field of one. A number is replaced only by a value it is computed from
 * (`line.m` for `line.m − η·dm`: the old value instead of the new one; `sum` for `sum / n`); an
 * object or an array by any earlier one of its type (`options.initial` for the final line).
 */
function earlierValueReturned(node: ts.Node, scan: SourceScan): MutationSite[] {
  const sites: MutationSite[] = [];
  for (const { target, field } of answerTargets(node)) {
    const targetType = scan.checker.getTypeAtLocation(target);
    const candidates = earlierValuesLike(target, targetType, scan);
    const before = scan.text(target);
    const readInTarget = new Set(referencesIn(target, scan).map((r) => scan.text(r)));
    const isNumberAnswer = (targetType.flags & ts.TypeFlags.NumberLike) !== 0;
    for (const candidate of candidates) {
      if (candidate === before || (isNumberAnswer && !readInTarget.has(candidate))) continue;
      sites.push({
        kind: 'return-earlier-value',
        edits: [
          field && ts.isShorthandPropertyAssignment(field)
            ? scan.replace(field, `${field.name.text}: ${candidate}`)
            : scan.replace(target, candidate),
        ],
        description: `line ${scan.line(target)}: returns \`${candidate}\` instead of \`${scan.snippet(before)}\`${field ? ` as "${scan.text(field.name)}"` : ''}`,
      });
    }
  }
  return sites;
}

/**
 * The values of a node's type that its function holds before it: variables declared earlier in the
 * same function (its parameters included, loop counters and number parameters such as the learning
 * rate left out), and the fields of those that are objects of the kit (`options.initial`, `line.m`).
 */
function earlierValuesLike(target: ts.Node, targetType: ts.Type, scan: SourceScan): string[] {
  const enclosing = enclosingFunction(target);
  if (!enclosing) return [];
  const candidates = new Set<string>();
  for (const symbol of scan.checker.getSymbolsInScope(target, ts.SymbolFlags.Variable)) {
    const declaration = symbol.valueDeclaration;
    if (!declaration || declaration.getSourceFile() !== scan.sourceFile) continue;
    if (declaration.pos < enclosing.pos || declaration.end > target.getStart(scan.sourceFile)) continue;
    if (isLoopCounter(declaration)) continue;
    const type = scan.checker.getTypeOfSymbolAtLocation(symbol, target);
    const primitiveParameter = ts.isParameter(declaration) && (type.flags & ts.TypeFlags.NumberLike) !== 0;
    if (!primitiveParameter && scan.sameType(type, targetType)) candidates.add(symbol.name);
    if (isKitObjectType(type, scan))
      for (const property of type.getProperties())
        if (scan.sameType(scan.checker.getTypeOfSymbolAtLocation(property, target), targetType))
          candidates.add(`${symbol.name}.${property.name}`);
  }
  return [...candidates];
}

/**
 * A call given an earlier value of the same kind of object instead of the current one: the
 * gradient taken at the start instead of the current point (`gradient(current)` →
 * `gradient(start)`), each step taken from the initial line (`step(points, line, η)` →
 * `step(points, options.initial, η)`).
 */
function staleArgument(node: ts.Node, scan: SourceScan): MutationSite[] {
  if (!ts.isCallExpression(node)) return [];
  const sites: MutationSite[] = [];
  for (const argument of node.arguments) {
    if (!ts.isIdentifier(argument) && !ts.isPropertyAccessExpression(argument)) continue;
    const type = scan.checker.getTypeAtLocation(argument);
    if (!isKitObjectType(type, scan)) continue;
    const before = scan.text(argument);
    for (const candidate of earlierValuesLike(argument, type, scan)) {
      if (candidate === before) continue;
      sites.push({
        kind: 'stale-argument',
        edits: [scan.replace(argument, candidate)],
        description: `line ${scan.line(node)}: \`${scan.snippet(node)}\` is given \`${candidate}\` instead of \`${before}\``,
      });
    }
  }
  return sites;
}

/** The outermost function around a node: its parameters and locals are what an answer could be confused with. */
function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  let found: ts.SignatureDeclaration | undefined;
  for (let n = node.parent; n; n = n.parent) if (ts.isFunctionLike(n)) found = n;
  return found;
}

/** An object type the kit or the file declares (`Line`, a class, an object literal), not an array, a function or a library type. */
function isKitObjectType(type: ts.Type, scan: SourceScan): boolean {
  if (!(type.flags & ts.TypeFlags.Object) || scan.checker.isArrayType(type) || type.getCallSignatures().length)
    return false;
  const declarations = type.getSymbol()?.declarations ?? [];
  return declarations.length > 0 && declarations.every((d) => !d.getSourceFile().hasNoDefaultLib);
}

function isLoopCounter(declaration: ts.Node): boolean {
  return (
    ts.isVariableDeclaration(declaration) &&
    ts.isVariableDeclarationList(declaration.parent) &&
    (ts.isForStatement(declaration.parent.parent) ||
      ts.isForOfStatement(declaration.parent.parent) ||
      ts.isForInStatement(declaration.parent.parent))
  );
}

function minForMax(node: ts.Node, scan: SourceScan): MutationSite[] {
  if (!ts.isPropertyAccessExpression(node) || scan.text(node.expression) !== 'Math') return [];
  const after = ({ max: 'min', min: 'max' } as Record<string, string>)[node.name.text];
  if (!after) return [];
  return [
    {
      kind: 'max-min',
      edits: [scan.replace(node.name, after)],
      description: `line ${scan.line(node)}: Math.${node.name.text} → Math.${after} in \`${scan.snippet(expressionRoot(node))}\``,
    },
  ];
}

function isLearningRate(node: ts.Node, scan: SourceScan): node is ts.Identifier | ts.PropertyAccessExpression {
  return (
    (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) &&
    LEARNING_RATE_NAMES.has(nameOf(node)) &&
    isNumericReference(node, scan)
  );
}

/**
 * The learning rate hard-coded: one place where it is read, or every place in the function that
 * reads it first, becomes a constant.
 */
function constantLearningRate(node: ts.Node, scan: SourceScan): MutationSite[] {
  const sites: MutationSite[] = [];
  if (isLearningRate(node, scan))
    for (const constant of CONSTANT_LEARNING_RATES)
      sites.push({
        kind: 'constant-learning-rate',
        edits: [scan.replace(node, constant)],
        description: `line ${scan.line(node)}: \`${scan.text(node)}\` → ${constant} in \`${scan.snippet(expressionRoot(node))}\``,
      });
  if (ts.isFunctionLike(node) && 'body' in node && node.body) {
    const reads: (ts.Identifier | ts.PropertyAccessExpression)[] = [];
    const visit = (n: ts.Node): void => {
      if (isLearningRate(n, scan)) reads.push(n);
      else ts.forEachChild(n, visit);
    };
    visit(node.body);
    if (reads.length > 1)
      for (const constant of CONSTANT_LEARNING_RATES)
        sites.push({
          kind: 'constant-learning-rate',
          edits: reads.map((r) => scan.replace(r, constant)),
          description: `${lineList(reads.map((r) => scan.line(r)))}: every \`${scan.text(reads[0])}\` → ${constant}`,
        });
  }
  return sites;
}

/**
 * One object moved in place instead of a new one made: `path.push({ x: here.x − …, … })` →
 * `path.push(Object.assign(here, { … }))`, and `current = { x: current.x − …, … }` →
 * `Object.assign(current, { … })`. Every entry of the path is then the same object.
 */
function aliasedInPlace(node: ts.Node, scan: SourceScan): MutationSite[] {
  let literal: ts.ObjectLiteralExpression | undefined;
  let replaced: ts.Node | undefined;
  let target: ts.Identifier | undefined;
  if (
    ts.isCallExpression(node) &&
    ts.isPropertyAccessExpression(node.expression) &&
    node.expression.name.text === 'push' &&
    node.arguments.length === 1 &&
    ts.isObjectLiteralExpression(node.arguments[0])
  ) {
    literal = node.arguments[0];
    replaced = literal;
    target = objectReadIn(literal, scan);
  } else if (
    isBinary(node, ts.SyntaxKind.EqualsToken) &&
    ts.isIdentifier(node.left) &&
    ts.isObjectLiteralExpression(skipParentheses(node.right))
  ) {
    literal = skipParentheses(node.right) as ts.ObjectLiteralExpression;
    replaced = node;
    target = objectReadIn(literal, scan)?.text === node.left.text ? node.left : undefined;
  }
  if (!literal || !replaced || !target) return [];
  const after = `Object.assign(${target.text}, ${scan.text(literal)})`;
  return [
    {
      kind: 'alias-in-place',
      edits: [scan.replace(replaced, after)],
      description: `line ${scan.line(node)}: \`${scan.snippet(replaced)}\` → \`${scan.snippet(after)}\` (one object moved in place instead of a new one)`,
    },
  ];
}

/** The first variable whose fields an object literal reads (`here` in `{ x: here.x − … }`), when it has the literal's type. */
function objectReadIn(literal: ts.ObjectLiteralExpression, scan: SourceScan): ts.Identifier | undefined {
  let found: ts.Identifier | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
      const type = scan.checker.getTypeAtLocation(node.expression);
      if (scan.sameType(type, scan.checker.getTypeAtLocation(literal))) found = node.expression;
    }
    ts.forEachChild(node, visit);
  };
  visit(literal);
  return found;
}

/** `const costs = [computeCost(points, line)]` → `[]` when the array is pushed to later: the first entry left out. */
function droppedInitialEntry(node: ts.Node, scan: SourceScan): MutationSite[] {
  if (!ts.isArrayLiteralExpression(node) || node.elements.length !== 1) return [];
  const declaration = node.parent;
  if (!ts.isVariableDeclaration(declaration) || declaration.initializer !== node || !ts.isIdentifier(declaration.name))
    return [];
  const scope = enclosingFunction(node);
  if (!scope || !scan.text(scope).includes(`${declaration.name.text}.push(`)) return [];
  return [
    {
      kind: 'drop-initial-entry',
      edits: [scan.replace(node, '[]')],
      description: `line ${scan.line(node)}: \`${scan.snippet(declaration)}\` starts empty (\`[]\`): its first entry is left out`,
    },
  ];
}

/**
 * Two adjacent statements swapped where one depends on the other: an update moved before or after
 * the computation that reads it (`line = step(…)` and `costs.push(cost(line))`).
 */
function swappedStatements(scan: SourceScan, roots: readonly ts.Node[]): MutationSite[] {
  const sites: MutationSite[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isBlock(node))
      for (let i = 0; i + 1 < node.statements.length; i++) {
        const [first, second] = [node.statements[i], node.statements[i + 1]];
        if (!swappable(first) || !swappable(second) || !dependent(first, second, scan)) continue;
        const between = scan.sourceFile.text.slice(first.getEnd(), second.getStart(scan.sourceFile));
        sites.push({
          kind: 'swap-statements',
          edits: [
            {
              start: first.getStart(scan.sourceFile),
              end: second.getEnd(),
              text: scan.text(second) + between + scan.text(first),
            },
          ],
          description: `lines ${scan.line(first)}–${scan.line(second)}: \`${scan.snippet(firstLine(scan.text(first)))}\` moved after \`${scan.snippet(firstLine(scan.text(second)))}\``,
        });
      }
    ts.forEachChild(node, visit);
  };
  roots.forEach(visit);
  return sites;
}

/** `line 5`, or `lines 5, 7` */
function lineList(lines: readonly number[]): string {
  const distinct = [...new Set(lines)];
  return `${distinct.length > 1 ? 'lines' : 'line'} ${distinct.join(', ')}`;
}

const firstLine = (text: string) => (text.includes('\n') ? `${text.split('\n')[0]} …` : text);

function swappable(statement: ts.Statement): boolean {
  return !(
    ts.isReturnStatement(statement) ||
    ts.isBreakStatement(statement) ||
    ts.isContinueStatement(statement) ||
    ts.isThrowStatement(statement) ||
    ts.isFunctionDeclaration(statement)
  );
}

/** Whether one statement writes what the other reads or writes, and the first declares nothing the second reads. */
function dependent(first: ts.Statement, second: ts.Statement, scan: SourceScan): boolean {
  const a = accessesOf(first, scan);
  const b = accessesOf(second, scan);
  if ([...a.declares].some((name) => b.reads.has(name))) return false;
  const meets = (x: Set<string>, y: Set<string>) => [...x].some((name) => y.has(name));
  return meets(a.writes, b.reads) || meets(b.writes, a.reads) || meets(a.writes, b.writes);
}

function accessesOf(
  statement: ts.Statement,
  scan: SourceScan,
): { reads: Set<string>; writes: Set<string>; declares: Set<string> } {
  const reads = new Set<string>();
  const writes = new Set<string>();
  const declares = new Set<string>();
  const written = (target: ts.Node) => {
    const root = rootName(target, scan);
    if (root) writes.add(root);
  };
  const visit = (node: ts.Node): void => {
    const isPropertyName = ts.isPropertyAccessExpression(node.parent) && node.parent.name === node;
    if ((ts.isIdentifier(node) && !isPropertyName) || ts.isPropertyAccessExpression(node)) {
      const root = rootName(node, scan);
      if (root) reads.add(root);
    }
    if (ts.isVariableDeclaration(node)) {
      const bind = (name: ts.BindingName): void => {
        if (ts.isIdentifier(name)) declares.add(name.text);
        else name.elements.forEach((e) => ts.isBindingElement(e) && bind(e.name));
      };
      bind(node.name);
    }
    if (ts.isBinaryExpression(node) && isAssignmentTarget(node.left)) written(node.left);
    if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && isAssignmentTarget(node.operand))
      written(node.operand);
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression))
      if (['push', 'unshift', 'splice', 'set', 'fill'].includes(node.expression.name.text))
        written(node.expression.expression);
    ts.forEachChild(node, visit);
  };
  visit(statement);
  for (const name of declares) writes.add(name);
  return { reads, writes, declares };
}

/** The variable an access starts from: `costs` for `costs.push`, `this.total` for `this.total`, `xs` for `xs[i]`. */
function rootName(node: ts.Node, scan: SourceScan): string | undefined {
  if (ts.isIdentifier(node)) return node.text;
  if (ts.isPropertyAccessExpression(node))
    return node.expression.kind === ts.SyntaxKind.ThisKeyword ? scan.text(node) : rootName(node.expression, scan);
  if (ts.isElementAccessExpression(node)) return rootName(node.expression, scan);
  if (ts.isParenthesizedExpression(node)) return rootName(node.expression, scan);
  return undefined;
}
