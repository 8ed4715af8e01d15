// Loads @babel/parser on first call: a CommonJS `require` works synchronously, so option checks stay synchronous
// while runs that never need the parser never load it (issue 7). CommonJS rather than `createRequire(import.meta.url)`
// because stock jscodeshift compiles transforms with @babel/register, which breaks on `import.meta`.

export function requireParser(): typeof import('@babel/parser') {
  return require('@babel/parser') as typeof import('@babel/parser');
}
