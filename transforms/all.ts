// Migrates the payloads of every payment method in one parse, for stock jscodeshift (`jscodeshift -t all.js`). The
// dr-migrate command does not go through it: it calls the same per-file core (processText) itself, and adds what a
// jscodeshift transform cannot do (the prefilter, cross-file and type-aware steps, templates' script blocks).
import { methodTransform } from '../src/transform-factory.js';

export default methodTransform();
