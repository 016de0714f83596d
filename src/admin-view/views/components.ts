import type { ModelView } from '../types';

export const participationView: ModelView = {
  uid: 'event.participation',
  fields: {
    participant: { label: 'Participant', description: 'The person; public only if they consented to being named.' },
    role: { label: 'Role', description: 'Organiser, trainer, speaker or participant. Public with the person.' },
  },
  list: ['participant', 'role'],
  edit: [['participant', 'role']],
};

export const chapterView: ModelView = {
  uid: 'guide.chapter',
  fields: {
    number: { label: 'Number', description: 'Chapter number as printed, from 1. Public.' },
    title: { label: 'Title', description: 'Chapter title, up to 300 characters. Public.' },
    summary: { label: 'Summary', description: 'What the chapter covers, in plain text (up to 2000 characters). Public.' },
  },
  list: ['number', 'title'],
  edit: [
    [
      { name: 'number', size: 2 },
      { name: 'title', size: 10 },
    ],
    [{ name: 'summary', size: 12 }],
  ],
};

export const venueView: ModelView = {
  uid: 'shared.venue',
  fields: {
    name: { label: 'Place', description: 'Building or organisation hosting it (ITC-ILO campus). Public.' },
    street: { label: 'Street', description: 'Street and number. Public.' },
    postalCode: { label: 'Postal code', description: 'As the local post writes it. Public.' },
    city: { label: 'City', description: 'City or town, in this language (Turin). Public.' },
    country: { label: 'Country', description: 'Two-letter ISO 3166-1 code in capitals (IT). Public.', placeholder: 'IT' },
  },
  list: ['name', 'city', 'country'],
  edit: [
    ['name', 'street'],
    [
      { name: 'postalCode', size: 4 },
      { name: 'city', size: 4 },
      { name: 'country', size: 4 },
    ],
  ],
};

export const storySourceView: ModelView = {
  uid: 'story.source',
  fields: {
    organisation: { label: 'Partner organisation', description: 'The partner federation the story came from, if it is in our directory. Public.' },
    name: { label: 'Partner name', description: 'Name of the sender as the partner gives it. Public.' },
    url: { label: 'Original address', description: 'Full https:// address of the story on the partner’s site. Public.', placeholder: 'https://' },
    externalId: { label: 'Partner’s id', description: 'The partner’s own identifier of the story, set on import; do not change it. Public.' },
    receivedAt: { label: 'Received at', description: 'When the story arrived from the partner, set on import. Public.' },
  },
  list: ['name', 'receivedAt'],
  edit: [['organisation', 'name'], ['url', 'externalId'], ['receivedAt']],
};

export const storySyndicationView: ModelView = {
  uid: 'story.syndication',
  fields: {
    allowed: {
      label: 'Partners may republish',
      description: 'When on, the story goes into partners’ feeds and pushes once published; off withdraws it. Seen by partners.',
    },
    embargoUntil: {
      label: 'Embargo until',
      description: 'Date and time before which partners get nothing of the story; leave empty for no embargo.',
    },
  },
  list: ['allowed', 'embargoUntil'],
  edit: [
    [
      { name: 'allowed', size: 6 },
      { name: 'embargoUntil', size: 6 },
    ],
  ],
};
