import { describeFaultsUnderLoad } from './faults-under-load.js';

// One `suara api` and two `suara worker`s: the workers take turns being SIGKILLed.
describeFaultsUnderLoad('split', '`suara api` + 2 `suara worker`s under load and faults');
