// Which files are scripts, and in which dialect: plain data, free of the parser so discovery can use it cheaply.

/** `dts`: a declaration file (`.d.ts`), where `const x: T;` and other body-less declarations are valid. */
export type Dialect = 'ts' | 'tsx' | 'dts' | 'js';

const EXTENSION_DIALECT: Readonly<Record<string, Dialect>> = {
  '.js': 'js',
  '.jsx': 'js',
  '.mjs': 'js',
  '.cjs': 'js',
  '.es6': 'js',
  '.ts': 'ts',
  '.mts': 'ts',
  '.cts': 'ts',
  '.tsx': 'tsx',
};

export const SCRIPT_EXTENSIONS = Object.keys(EXTENSION_DIALECT);

export function dialectFor(path: string): Dialect | undefined {
  const dot = path.lastIndexOf('.');
  if (dot < 0) return undefined;
  const dialect = EXTENSION_DIALECT[path.slice(dot).toLowerCase()];
  // `x.d.ts`, `x.d.mts`, `x.d.cts`: TypeScript's declaration files (issue 8: found in the real-code corpus).
  return dialect === 'ts' && /\.d\.[mc]?ts$/i.test(path) ? 'dts' : dialect;
}
