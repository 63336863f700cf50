import { describeValidConfigurations } from './valid-configurations';

// Part b of the generated valid configurations; the other part runs in parallel in another jest worker.
describeValidConfigurations('b');
