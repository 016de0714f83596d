import deliveries from './deliveries';
import deliveryLog from './delivery-log';
import deliveryQueue from './delivery-queue';
import dispatcher from './dispatcher';
import feedPoller from './feed-poller';
import feeds from './feeds';
import html from './html';
import inbound from './inbound';
import inbox from './inbox';
import items from './items';
import partners from './partners';
import references from './references';
import websubSubscriber from './websub-subscriber';
import websubHub from './websub-hub';
import websubHubDistribution from './websub-hub-distribution';

export default {
  deliveries,
  'delivery-log': deliveryLog,
  'delivery-queue': deliveryQueue,
  dispatcher,
  'feed-poller': feedPoller,
  feeds,
  html,
  inbound,
  inbox,
  items,
  partners,
  references,
  'websub-subscriber': websubSubscriber,
  'websub-hub': websubHub,
  'websub-hub-distribution': websubHubDistribution,
};
