// Migrates the payloads of every payment method in one parse: the transform the dr-migrate command runs.
import { methodTransform } from '../src/transform-factory.js';

export default methodTransform();
