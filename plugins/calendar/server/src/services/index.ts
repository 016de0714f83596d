import calendar from './calendar';
import events from './events';
import ical from './ical';
import jsonLd from './json-ld';
import participants from './participants';
import revisions from './revisions';

export default { calendar, events, ical, jsonLd, participants, revisions };
