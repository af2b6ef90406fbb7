import { createHash } from 'node:crypto';
import ts from 'typescript';
import { memoRecent } from '../checks/memo';

export interface TranspiledFile {
  readonly javascript: string;
  readonly syntaxErrors: readonly string[];
}

/**
 * TypeScript to CommonJS, one file at a time, with no compiler host: nothing outside the file is
 * ever read, so no import can pull another file's source into the submission. The last 1,024 files
 * are remembered by content: a class shares many files (untouched stubs, the starter code), and a
 * file's JavaScript depends on nothing else.
 */
export const transpileExercise: (source: string, displayPath: string) => TranspiledFile = memoRecent(
  1024,
  (source: string, displayPath: string) => createHash('sha256').update(displayPath).update('\0').update(source).digest('base64'),
  transpileAlone,
);

function transpileAlone(source: string, displayPath: string): TranspiledFile {
  const output = ts.transpileModule(source, {
    fileName: displayPath,
    reportDiagnostics: true,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      sourceMap: false,
      inlineSourceMap: false,
      importHelpers: false,
      esModuleInterop: false,
    },
  });
  const syntaxErrors = (output.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error).map((d) => formatDiagnostic(d, displayPath));
  return { javascript: output.outputText, syntaxErrors };
}

function formatDiagnostic(diagnostic: ts.Diagnostic, displayPath: string): string {
  const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (diagnostic.file && diagnostic.start !== undefined) {
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `  ${displayPath}:${line + 1}:${character + 1} ${text}`;
  }
  return `  ${displayPath}: ${text}`;
}
