// Migrates Credit Card (`type: "creditCard"`) createSource payloads; rule and citation: METHOD_RULES.creditCard.
import { methodTransform } from '../src/transform-factory.js';

export default methodTransform(['creditCard']);
