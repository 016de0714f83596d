import runner from './runner';
import scheduledActions from './scheduled-actions';

export default {
  runner,
  'scheduled-actions': scheduledActions,
};
