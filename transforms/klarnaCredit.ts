// Migrates Klarna (`type: "klarnaCredit"`) createSource payloads; rule and citation: METHOD_RULES.klarnaCredit.
import { methodTransform } from '../src/transform-factory.js';

export default methodTransform(['klarnaCredit']);
