import feeds from './feeds';
import fingerprint from './fingerprint';
import items from './items';

export default { feeds, fingerprint, items };
