// Migrates Bank Transfer - Korea Payments (`type: "bankTransfer"`) createSource payloads; rule and citation: METHOD_RULES.bankTransfer.
import { methodTransform } from '../src/transform-factory.js';

export default methodTransform(['bankTransfer']);
