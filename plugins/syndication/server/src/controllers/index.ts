import deliveries from './deliveries';
import feeds from './feeds';
import partners from './partners';

export default { deliveries, feeds, partners };
