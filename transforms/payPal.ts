// Migrates PayPal (`type: "payPal"`) createSource payloads; rule and citation: METHOD_RULES.payPal.
import { methodTransform } from '../src/transform-factory.js';

export default methodTransform(['payPal']);
