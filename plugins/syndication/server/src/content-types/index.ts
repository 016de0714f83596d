import deliveryAttempt from './delivery-attempt/schema';
import delivery from './delivery/schema';
import partner from './partner/schema';

export const PARTNER = 'plugin::syndication.partner';
export const DELIVERY = 'plugin::syndication.delivery';
export const DELIVERY_ATTEMPT = 'plugin::syndication.delivery-attempt';

export default {
  partner: { schema: partner },
  delivery: { schema: delivery },
  'delivery-attempt': { schema: deliveryAttempt },
};
