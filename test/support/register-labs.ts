import { LABS } from '../../labs';
import { registerLabs } from '../../lib/lab/catalogue';

// Every test file (and the lab cache's build processes) works with the kit's labs, as bin/ does.
registerLabs(LABS);
