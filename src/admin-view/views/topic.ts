import { TOPIC } from '../../domain/uids';
import type { ModelView } from '../types';

export const topicView: ModelView = {
  uid: TOPIC,
  fields: {
    name: { label: 'Name', description: 'Name of the subject in this language (Advocacy, Young workers), up to 120 characters. Public.' },
    slug: {
      label: 'Web address (slug)',
      description: 'Last part of the topic’s URL, made from the name: lower-case letters, digits and hyphens. Public.',
      listLabel: 'Slug',
    },
    description: { label: 'Description', description: 'A sentence or two on what is filed here, in plain text (up to 1000 characters). Public.' },
  },
  list: ['name', 'slug', 'description'],
  edit: [['name', 'slug'], [{ name: 'description', size: 12 }]],
  settings: { mainField: 'name', defaultSortBy: 'name', defaultSortOrder: 'ASC', pageSize: 50 },
};
