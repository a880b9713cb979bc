import { describeFaultsUnderLoad } from './faults-under-load.js';

// The small-deployment default: one process; a "worker kill" kills it and its supervisor starts it again.
describeFaultsUnderLoad('serve', '`suara serve` under load and faults');
