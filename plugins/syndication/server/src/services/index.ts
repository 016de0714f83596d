import deliveries from './deliveries';
import dispatcher from './dispatcher';
import feeds from './feeds';
import items from './items';
import partners from './partners';

export default { deliveries, dispatcher, feeds, items, partners };
