// Migrates TreviPay (`type: "msts"`) createSource payloads; rule and citation: METHOD_RULES.msts.
import { methodTransform } from '../src/transform-factory.js';

export default methodTransform(['msts']);
