/**
 * Type-level checks from a test: compiles one snippet (a file in test/,
 * importing the sources by relative path) with the project's compiler
 * options and returns the messages of its type errors.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const TEST_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const REPO_ROOT = path.dirname(TEST_DIR);

/** The options of tsconfig.json, so a snippet is checked as `npm run typecheck` checks the tests. */
function compilerOptions(): ts.CompilerOptions {
  const file = path.join(REPO_ROOT, "tsconfig.json");
  const read = ts.readConfigFile(file, ts.sys.readFile);
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, "\n"));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, REPO_ROOT);
  return { ...parsed.options, noEmit: true };
}

/** A TypeScript program over the sources plus `files` (name in test/ → text). */
export function program(files: Record<string, string>): ts.Program {
  const options = compilerOptions();
  const host = ts.createCompilerHost(options);
  const virtual = new Map(Object.entries(files).map(([name, text]) => [path.join(TEST_DIR, name), text]));
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (f) => virtual.get(path.resolve(f)) ?? readFile(f);
  host.fileExists = (f) => virtual.has(path.resolve(f)) || fileExists(f);
  return ts.createProgram([...virtual.keys()], options, host);
}

/** The type errors `source` has, one per diagnostic in order: `the source line → the message`. */
export function typeErrors(source: string): string[] {
  const name = "__snippet__.ts";
  const p = program({ [name]: source });
  const file = p.getSourceFile(path.join(TEST_DIR, name));
  if (!file) throw new Error("the snippet was not compiled");
  const lines = source.split("\n");
  return [...p.getSyntacticDiagnostics(file), ...p.getSemanticDiagnostics(file)].map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, " ");
    if (d.start === undefined) return message;
    return `${lines[file.getLineAndCharacterOfPosition(d.start).line]!.trim()} → ${message}`;
  });
}
