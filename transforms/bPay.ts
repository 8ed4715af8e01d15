// Migrates bPay (`type: "bPay"`) createSource payloads; rule and citation: METHOD_RULES.bPay.
import { methodTransform } from '../src/transform-factory.js';

export default methodTransform(['bPay']);
