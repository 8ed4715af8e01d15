// Loads php-parser on first call, like lazy-parser.cts loads Babel: only a PHP file that may build a payload needs it.

export interface PhpParser {
  parseCode(buffer: string, filename: string): unknown;
}

export function requirePhpParser(): new (options: object) => PhpParser {
  return (require('php-parser') as { Engine: new (options: object) => PhpParser }).Engine;
}
