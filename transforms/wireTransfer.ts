// Migrates Wire Transfer (`type: "wireTransfer"`) createSource payloads; rule and citation: METHOD_RULES.wireTransfer.
import { methodTransform } from '../src/transform-factory.js';

export default methodTransform(['wireTransfer']);
