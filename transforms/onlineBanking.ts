// Migrates Online Banking - IBP (`type: "onlineBanking"`) createSource payloads; rule and citation: METHOD_RULES.onlineBanking.
import { methodTransform } from '../src/transform-factory.js';

export default methodTransform(['onlineBanking']);
