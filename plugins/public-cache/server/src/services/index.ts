import control from './control';
import fingerprint from './fingerprint';
import hints from './hints';
import rendered from './rendered';

export default { control, fingerprint, hints, rendered };
