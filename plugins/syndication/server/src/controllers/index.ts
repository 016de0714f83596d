import deliveries from './deliveries';
import feeds from './feeds';
import partners from './partners';
import received from './received';

export default { deliveries, feeds, partners, received };
