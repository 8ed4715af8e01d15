// Signs that a script runs on a server, not in the browser (issue 18): there a DigitalRiver.js source `type` is no
// evidence, since Digital River's REST API takes the same `type` strings in its own `createSource`-named clients.

/**
 * Folders that hold server code: a Salesforce Commerce Cloud cartridge's server scripts, controllers and models
 * (its browser code lives under `cartridge/client/`), and the usual Node server folders.
 */
const SERVER_FOLDER = /(?:^|\/)(?:cartridge\/(?:scripts|controllers|models)|node|server|servers|serverless|functions)\//;

/** `require('dw/…')` (SFCC's server API), and Node's own modules and server frameworks. */
const SERVER_MODULE = /\brequire\(\s*['"](?:dw\/[^'"]*|express|koa|fastify|node:[^'"]+)['"]\s*\)|\bfrom\s+['"](?:express|koa|fastify|node:[^'"]+)['"]/;

/**
 * A secret read from the environment (`process.env.DR_SECRET_KEY`). Not any `process.env` read: browser bundles
 * inline public ones too (`process.env.DR_PUBLIC_KEY` through webpack's DefinePlugin, `NODE_ENV`, `REACT_APP_…`).
 */
const SERVER_ENV = /\bprocess\.env(?:\.|\[\s*['"])\w*(?:SECRET|PRIVATE|PASSWORD|TOKEN|secret|Secret|Private|Token)\w*/;

/** A Digital River secret API key (`sk_test_…`, `sk_live_…`): only server code holds one. */
export const DR_SECRET_KEY = /\bsk_(?:test|live)_/;

/** An Authorization header built from a secret. */
const SECRET_BEARER = /\bBearer\b[^\n]{0,80}(?:secret|SECRET|apiKey|api_key|API_KEY)/;

/** Why `file`/`text` is server code, or undefined for code that may run in a browser. */
export function serverCodeReason(text: string, file: string | undefined): string | undefined {
  const folder = file ? SERVER_FOLDER.exec(file.replace(/\\/g, '/')) : null;
  if (folder) return `the file is in a server folder (\`${folder[0].replace(/^\//, '')}\`)`;
  const module = SERVER_MODULE.exec(text);
  if (module) return `the file is server code (\`${module[0]}\`)`;
  const env = SERVER_ENV.exec(text);
  if (env) return `the file is server code (it reads a secret: \`${env[0]}\`)`;
  if (DR_SECRET_KEY.test(text) || SECRET_BEARER.test(text)) return 'the file is server code (it holds a secret key)';
  return undefined;
}

/**
 * Receivers named like a REST or HTTP client: `customerApi`, `drCustomerAPI`, `apiClient`, `restClient`. Not
 * `…Service`: an Angular or Vue service often wraps the browser's DigitalRiver.js instance and passes the payload on.
 */
export function restClientName(leaf: string): boolean {
  return /(?:api|client|rest)$/i.test(leaf) || /^(?:api|rest|http)(?:[A-Z_]|$)/.test(leaf);
}

/** Payload keys only Digital River's server API takes: the checkout's session as `paymentSessionId`. */
export const SERVER_ONLY_KEYS: readonly string[] = ['paymentSessionId'];

/** `customerId` is a server key only when a bearer token is sent nearby (the browser never holds one for DR). */
export function bearerNear(text: string, offset: number): boolean {
  const around = text.slice(Math.max(0, offset - 2000), offset + 2000);
  return /\bBearer\b/.test(around);
}
