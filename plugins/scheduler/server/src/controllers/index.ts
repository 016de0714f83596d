import scheduledActions from './scheduled-actions';

export default { 'scheduled-actions': scheduledActions };
