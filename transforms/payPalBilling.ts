// Migrates PayPal Billing (`type: "payPalBilling"`) createSource payloads; rule and citation: METHOD_RULES.payPalBilling.
import { methodTransform } from '../src/transform-factory.js';

export default methodTransform(['payPalBilling']);
