// Migrates Cash on Delivery - Japan (`type: "codJapan"`) createSource payloads; rule and citation: METHOD_RULES.codJapan.
import { methodTransform } from '../src/transform-factory.js';

export default methodTransform(['codJapan']);
