// Migrates Klarna Recurring (`type: "klarnaCreditRecurring"`) createSource payloads; rule and citation: METHOD_RULES.klarnaCreditRecurring.
import { methodTransform } from '../src/transform-factory.js';

export default methodTransform(['klarnaCreditRecurring']);
