import ts from 'typescript';

/** Where an exported function is declared in a file: 1-based lines, both included. */
export interface DeclarationLines {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Where each of `names` is declared as an export of `source`, found with the TypeScript compiler's
 * parser (nothing runs): `export function f`, its overloads, `export const f = …`, a local
 * declaration exported as `export { g as f }` (the declaration of `g`, else the export line), and
 * CommonJS's `exports.f = …` and `module.exports.f = …`. Lines are counted as `lineStarts` counts
 * them, so that they match the highlighted listing's. A name not found is left out.
 */
export function exportedDeclarations(
  source: string,
  names: readonly string[],
  lineStarts: readonly number[] = lineStartsOf(source),
): DeclarationLines[] {
  const file = ts.createSourceFile('submission.ts', source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const spans = new Map<string, { start: number; end: number }>();
  const widen = (name: string, node: ts.Node, last: ts.Node = node) => {
    const start = node.getStart(file);
    const end = last.getEnd();
    const known = spans.get(name);
    spans.set(name, known ? { start: Math.min(known.start, start), end: Math.max(known.end, end) } : { start, end });
  };
  const locals = localDeclarations(file);
  for (const statement of file.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name && isExported(statement))
      widen(statement.name.text, statement);
    else if (ts.isVariableStatement(statement) && isExported(statement)) {
      for (const [i, declaration] of statement.declarationList.declarations.entries())
        if (ts.isIdentifier(declaration.name))
          widen(declaration.name.text, i === 0 ? statement : declaration, declaration);
    } else if (ts.isClassDeclaration(statement) && statement.name && isExported(statement))
      widen(statement.name.text, statement);
    else if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const specifier of statement.exportClause.elements) {
        const local = statement.moduleSpecifier ? undefined : (specifier.propertyName ?? specifier.name);
        const declared = local && ts.isIdentifier(local) ? locals.get(local.text) : undefined;
        for (const [node, last] of declared ?? [[specifier, specifier]]) widen(specifier.name.text, node, last);
      }
    } else if (ts.isExpressionStatement(statement)) {
      const name = commonJsExport(statement.expression);
      if (name) widen(name, statement);
    }
  }
  return names.flatMap((name) => {
    const span = spans.get(name);
    return span
      ? [{ name, start: lineOf(lineStarts, span.start), end: lineOf(lineStarts, Math.max(span.start, span.end - 1)) }]
      : [];
  });
}

/** Where each line begins, splitting at `\n` and `\r\n` only, as shiki does (a lone `\r` or U+2028 stays inside its line). */
export function lineStartsOf(source: string): number[] {
  const starts = [0];
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The 1-based line that holds character `position`. */
function lineOf(lineStarts: readonly number[], position: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (lineStarts[middle] <= position) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}

function isExported(node: ts.Node): boolean {
  return (ts.getCombinedModifierFlags(node as ts.Declaration) & ts.ModifierFlags.Export) !== 0;
}

/** Top-level functions, variables and classes by name, for `export { g as f }`: where each starts and the node it ends with. */
function localDeclarations(file: ts.SourceFile): Map<string, [ts.Node, ts.Node][]> {
  const locals = new Map<string, [ts.Node, ts.Node][]>();
  const add = (name: string, node: ts.Node, last: ts.Node) =>
    locals.set(name, [...(locals.get(name) ?? []), [node, last]]);
  for (const statement of file.statements) {
    if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name)
      add(statement.name.text, statement, statement);
    else if (ts.isVariableStatement(statement))
      for (const [i, declaration] of statement.declarationList.declarations.entries())
        if (ts.isIdentifier(declaration.name))
          add(declaration.name.text, i === 0 ? statement : declaration, declaration);
  }
  return locals;
}

/** `exports.f = …` or `module.exports.f = …`: the name `f`. */
function commonJsExport(expression: ts.Expression): string | undefined {
  if (!ts.isBinaryExpression(expression) || expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken)
    return undefined;
  const target = expression.left;
  if (!ts.isPropertyAccessExpression(target)) return undefined;
  const owner = target.expression;
  const isExports =
    (ts.isIdentifier(owner) && owner.text === 'exports') ||
    (ts.isPropertyAccessExpression(owner) &&
      ts.isIdentifier(owner.expression) &&
      owner.expression.text === 'module' &&
      owner.name.text === 'exports');
  return isExports ? target.name.text : undefined;
}
