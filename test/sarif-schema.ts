// Validates SARIF logs against the SARIF 2.1.0 JSON schema vendored in test/data (no network in tests; issue 17).
// The schema is the 2.1.0 (rtm.5) one SchemaStore hosts, as shipped in @microsoft/jest-sarif 1.0.0-beta.0
// (lib/schemas/sarif-2.1.0-rtm.5.json), unchanged; it is JSON Schema draft-04, hence Ajv's draft-04 class.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import AjvFormats from 'ajv-formats';

// Both packages are CommonJS with an `exports.default`: the default import is the module object.
const Ajv = AjvDraft04.default;
const addFormats = AjvFormats.default;

const SCHEMA = JSON.parse(readFileSync(join(import.meta.dirname, 'data', 'sarif-2.1.0.json'), 'utf8')) as object;

// unicodeRegExp off: the schema's `language` pattern (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`) has a stray `]`,
// which only a non-unicode RegExp accepts, as JSON Schema draft-04's ECMA 262 patterns always did.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(SCHEMA);

/** Where `log` breaks the schema, one line per error ('' when it is valid). */
export function sarifSchemaErrors(log: unknown): string[] {
  return validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
