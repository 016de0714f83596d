import deliveryAttempt from './delivery-attempt/schema';
import delivery from './delivery/schema';
import feedState from './feed-state/schema';
import inboundMessage from './inbound-message/schema';
import partner from './partner/schema';
import receivedItem from './received-item/schema';
import receivedLog from './received-log/schema';
import websubLease from './websub-lease/schema';
import websubDelivery from './websub-delivery/schema';
import websubSubscription from './websub-subscription/schema';
import websubTopic from './websub-topic/schema';

export const PARTNER = 'plugin::syndication.partner';
export const DELIVERY = 'plugin::syndication.delivery';
export const DELIVERY_ATTEMPT = 'plugin::syndication.delivery-attempt';
export const FEED_STATE = 'plugin::syndication.feed-state';
export const INBOUND_MESSAGE = 'plugin::syndication.inbound-message';
export const RECEIVED_ITEM = 'plugin::syndication.received-item';
export const RECEIVED_LOG = 'plugin::syndication.received-log';
export const WEBSUB_LEASE = 'plugin::syndication.websub-lease';
export const WEBSUB_SUBSCRIPTION = 'plugin::syndication.websub-subscription';
export const WEBSUB_TOPIC = 'plugin::syndication.websub-topic';
export const WEBSUB_DELIVERY = 'plugin::syndication.websub-delivery';

export default {
  partner: { schema: partner },
  delivery: { schema: delivery },
  'delivery-attempt': { schema: deliveryAttempt },
  'feed-state': { schema: feedState },
  'inbound-message': { schema: inboundMessage },
  'received-item': { schema: receivedItem },
  'received-log': { schema: receivedLog },
  'websub-lease': { schema: websubLease },
  'websub-subscription': { schema: websubSubscription },
  'websub-topic': { schema: websubTopic },
  'websub-delivery': { schema: websubDelivery },
};
