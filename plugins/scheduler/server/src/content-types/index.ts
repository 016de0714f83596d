import scheduledAction from './scheduled-action/schema';

export const SCHEDULED_ACTION = 'plugin::scheduler.scheduled-action';

export default {
  'scheduled-action': { schema: scheduledAction },
};
