import eventRevision from './event-revision/schema';

export default {
  'event-revision': { schema: eventRevision },
};
