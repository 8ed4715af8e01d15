// Migrates Payco - Korea Payments (`type: "payco"`) createSource payloads; rule and citation: METHOD_RULES.payco.
import { methodTransform } from '../src/transform-factory.js';

export default methodTransform(['payco']);
