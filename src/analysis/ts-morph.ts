// ts-morph, loaded with require(): imported as an ES module, Node first scans its CommonJS source for export
// names (cjs-module-lexer over ~1 MB), a cost every run with a deferred site paid before any tracing (issue 14).

import { createRequire } from 'node:module';
import type * as TsMorphCommon from '@ts-morph/common';
import type * as TsMorph from 'ts-morph';

const require = createRequire(import.meta.url);
const tsMorph = require('ts-morph') as typeof TsMorph;

/** TypeScript's lib files as ts-morph holds them in memory (ts-morph's own dependency, already loaded with it). */
export function libFiles(): readonly { readonly fileName: string; readonly text: string }[] {
  return (createRequire(require.resolve('ts-morph'))('@ts-morph/common') as typeof TsMorphCommon).getLibFiles();
}

export const Node = tsMorph.Node;
export type Node = TsMorph.Node;
export const Project = tsMorph.Project;
export type Project = TsMorph.Project;
export const SyntaxKind = tsMorph.SyntaxKind;
export type SyntaxKind = TsMorph.SyntaxKind;
export const TypeFlags = tsMorph.TypeFlags;
export const ts = tsMorph.ts;
export const getCompilerOptionsFromTsConfig = tsMorph.getCompilerOptionsFromTsConfig;
export type CompilerOptions = TsMorph.ts.CompilerOptions;
export type TsProgram = TsMorph.ts.Program;
export type TsSourceFile = TsMorph.ts.SourceFile;
export type TsStatement = TsMorph.ts.Statement;
export type {
  ClassDeclaration,
  Diagnostic,
  MethodDeclaration,
  ObjectLiteralExpression,
  PropertySignature,
  SourceFile,
  Symbol,
  Type,
} from 'ts-morph';
