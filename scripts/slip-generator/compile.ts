import ts from 'typescript';
import { transpileExercise } from '../../grader/shipped/submission/transpile';

/** A source as the TypeScript compiler sees it at its place in the kit: its tree, its types, and what does not compile. */
export interface CompiledSource {
  readonly sourceFile: ts.SourceFile;
  readonly checker: ts.TypeChecker;
  /** Syntax and type errors, and what the kit's own transpiler refuses; empty when the file compiles. */
  readonly errors: readonly string[];
}

/** The kit's compiler settings that matter to an exercise file (tsconfig.json), without Node's types: an exercise uses none. */
const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.Node16,
  moduleResolution: ts.ModuleResolutionKind.Node16,
  lib: ['lib.es2022.d.ts'],
  types: [],
  strict: true,
  noImplicitOverride: true,
  noFallthroughCasesInSwitch: true,
  skipLibCheck: true,
  noEmit: true,
};

/**
 * Type-checks one exercise file at a time with its text replaced in memory, at its own path so that
 * its imports reach its real siblings. The files it does not replace (the libraries, the siblings)
 * are parsed once and shared by every program, and each program is built from the last, so a check
 * takes a few milliseconds once the first has loaded the standard library.
 */
export class InMemoryCompiler {
  private readonly parsed = new Map<string, ts.SourceFile | undefined>();
  private readonly host = ts.createCompilerHost(OPTIONS);
  private previous: ts.Program | undefined;

  compile(path: string, source: string): CompiledSource {
    const host: ts.CompilerHost = {
      ...this.host,
      getSourceFile: (fileName, language) => {
        if (fileName === path) return ts.createSourceFile(fileName, source, language, true);
        if (!this.parsed.has(fileName)) this.parsed.set(fileName, this.host.getSourceFile(fileName, language));
        return this.parsed.get(fileName);
      },
      readFile: (fileName) => (fileName === path ? source : this.host.readFile(fileName)),
      fileExists: (fileName) => fileName === path || this.host.fileExists(fileName),
    };
    const program = ts.createProgram({ rootNames: [path], options: OPTIONS, host, oldProgram: this.previous });
    this.previous = program;
    const sourceFile = program.getSourceFile(path)!;
    const diagnostics = [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)];
    const errors = diagnostics.map((d) => {
      const where = d.start === undefined ? '' : `:${sourceFile.getLineAndCharacterOfPosition(d.start).line + 1}`;
      return `${path}${where} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
    if (!errors.length) errors.push(...transpileExercise(source, path).syntaxErrors.map((e) => e.trim()));
    return { sourceFile, checker: program.getTypeChecker(), errors };
  }
}
