import { describeValidConfigurations } from './valid-configurations';

// Part a of the generated valid configurations; the other part runs in parallel in another jest worker.
describeValidConfigurations('a');
