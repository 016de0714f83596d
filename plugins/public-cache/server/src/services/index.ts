import control from './control';
import fingerprint from './fingerprint';
import hints from './hints';

export default { control, fingerprint, hints };
