// Migrates Konbini (`type: "konbini"`) createSource payloads; rule and citation: METHOD_RULES.konbini.
import { methodTransform } from '../src/transform-factory.js';

export default methodTransform(['konbini']);
