import calendar from './calendar';
import events from './events';
import feedCache from './feed-cache';
import ical from './ical';
import jsonLd from './json-ld';
import locales from './locales';
import participants from './participants';
import revisions from './revisions';

export default { calendar, events, feedCache, ical, jsonLd, locales, participants, revisions };
