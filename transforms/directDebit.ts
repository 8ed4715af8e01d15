// Migrates Direct Debit (`type: "directDebit"`) createSource payloads; rule and citation: METHOD_RULES.directDebit.
import { methodTransform } from '../src/transform-factory.js';

export default methodTransform(['directDebit']);
