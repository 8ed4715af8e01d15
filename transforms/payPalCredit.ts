// Migrates PayPal Credit (`type: "payPalCredit"`) createSource payloads; rule and citation: METHOD_RULES.payPalCredit.
import { methodTransform } from '../src/transform-factory.js';

export default methodTransform(['payPalCredit']);
