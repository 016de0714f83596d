import { EVENT } from '../../domain/uids';
import type { ModelView } from '../types';

export const eventView: ModelView = {
  uid: EVENT,
  fields: {
    title: { label: 'Title', description: 'Name of the course, congress, meeting or action, up to 300 characters. Public once published.' },
    slug: {
      label: 'Web address (slug)',
      description: 'Last part of the event’s URL, made from the title: lower-case letters, digits and hyphens. Public.',
      listLabel: 'Slug',
    },
    summary: { label: 'Summary', description: 'A short plain-text description for lists and calendars (up to 2000 characters). Public.' },
    body: { label: 'Description', description: 'The full description: programme, aims, how to take part, in Markdown. Public once published.' },
    startsAt: {
      label: 'Starts',
      description: 'Date and time the event begins, read in the event’s time zone below. Public.',
    },
    endsAt: { label: 'Ends', description: 'Date and time the event ends, in the same time zone; not before the start. Public.' },
    timeZone: {
      label: 'Time zone',
      description: 'IANA time zone of the place where it happens (Europe/Rome, Asia/Almaty; UTC for online-only). Public.',
      placeholder: 'Europe/Rome',
    },
    venue: { label: 'Venue', description: 'Where it takes place (city and country at least); leave empty for online-only events. Public.' },
    onlineUrl: {
      label: 'Online link',
      description: 'Full https:// address to join online (online and hybrid events). Public: never a private meeting link.',
      placeholder: 'https://',
    },
    format: { label: 'Format', description: 'In person, online or hybrid. Public.' },
    eventStatus: {
      label: 'Status',
      description: 'Scheduled, postponed or cancelled; calendars show a cancelled event as cancelled. Public.',
    },
    organisers: { label: 'Organisers', description: 'Organisations that run the event. Public.' },
    partners: { label: 'Partners', description: 'Organisations that support or co-host it. Public.' },
    participations: {
      label: 'Participants',
      description: 'People taking part, each with a role; only those who consented to being named are public.',
    },
    guides: { label: 'Guides presented', description: 'Guides launched or used at the event. Public.' },
    topics: { label: 'Topics', description: 'Subjects the event is filed under. Public.' },
    cover: { label: 'Cover image', description: 'Picture shown with the event in lists and previews. Public.' },
  },
  list: ['title', 'startsAt', 'timeZone', 'eventStatus', 'format'],
  edit: [
    [
      { name: 'title', size: 8 },
      { name: 'slug', size: 4 },
    ],
    [{ name: 'summary', size: 12 }],
    ['body'],
    [
      { name: 'startsAt', size: 4 },
      { name: 'endsAt', size: 4 },
      { name: 'timeZone', size: 4 },
    ],
    [
      { name: 'format', size: 4 },
      { name: 'eventStatus', size: 4 },
      { name: 'onlineUrl', size: 4 },
    ],
    ['venue'],
    ['organisers', 'partners'],
    ['participations'],
    ['guides', 'topics'],
    ['cover'],
  ],
  settings: { mainField: 'title', defaultSortBy: 'startsAt', defaultSortOrder: 'DESC', pageSize: 20 },
};
