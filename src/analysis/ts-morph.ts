// ts-morph, loaded with require(): imported as an ES module, Node first scans its CommonJS source for export
// names (cjs-module-lexer over ~1 MB), a cost every run with a deferred site paid before any tracing (issue 14).

import { createRequire } from 'node:module';
import type * as TsMorph from 'ts-morph';

const tsMorph = createRequire(import.meta.url)('ts-morph') as typeof TsMorph;

export const Node = tsMorph.Node;
export type Node = TsMorph.Node;
export const Project = tsMorph.Project;
export type Project = TsMorph.Project;
export const SyntaxKind = tsMorph.SyntaxKind;
export type SyntaxKind = TsMorph.SyntaxKind;
export const TypeFlags = tsMorph.TypeFlags;
export const ts = tsMorph.ts;
export type CompilerOptions = TsMorph.ts.CompilerOptions;
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
