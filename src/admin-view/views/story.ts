import { STORY } from '../../domain/uids';
import type { ModelView } from '../types';

export const storyView: ModelView = {
  uid: STORY,
  fields: {
    title: { label: 'Title', description: 'Headline, up to 300 characters. Public once the story is published.' },
    slug: {
      label: 'Web address (slug)',
      description: 'Last part of the story’s URL, made from the title: lower-case letters, digits and hyphens (turin-course). Public.',
      listLabel: 'Slug',
    },
    lead: {
      label: 'Lead',
      description: 'One or two plain-text sentences that open the story and stand in lists and feeds (up to 1000 characters). Public.',
    },
    body: { label: 'Text', description: 'The story itself, in Markdown. Public once published; partners receive it too when syndication is allowed.' },
    cover: { label: 'Cover image', description: 'Picture shown above the story and in previews and feeds. Public.' },
    publisher: { label: 'Publisher', description: 'Organisation that publishes the story under its name. Public.' },
    events: { label: 'Related events', description: 'Events the story reports on or announces. Public.' },
    guides: { label: 'Related guides', description: 'Guides the story presents or mentions. Public.' },
    topics: { label: 'Topics', description: 'Subjects the story is filed under; websites list stories by topic. Public.' },
    canonicalUrl: {
      label: 'Original address (canonical URL)',
      description: 'Full https:// address where the story first appeared, if not here; leave empty for our own stories. Public.',
      placeholder: 'https://',
    },
    licence: {
      label: 'Licence',
      description: 'Terms on which others may reuse the story, as an SPDX identifier (CC-BY-4.0 by default). Public, and sent to partners.',
    },
    syndication: {
      label: 'Syndication',
      description: 'Whether partner federations may republish the story, and not before when (embargo). Public; partners’ feeds and pushes follow it.',
    },
    source: {
      label: 'Received from',
      description: 'Filled in when the story came from a partner federation: who sent it, where and when. Leave empty for our own stories.',
    },
    updatedAt: { label: 'Last changed', description: 'When the story was last saved.' },
  },
  list: ['title', 'publisher', 'licence', 'updatedAt'],
  edit: [
    [
      { name: 'title', size: 8 },
      { name: 'slug', size: 4 },
    ],
    [{ name: 'lead', size: 12 }],
    ['body'],
    ['cover', 'publisher'],
    [
      { name: 'topics', size: 4 },
      { name: 'events', size: 4 },
      { name: 'guides', size: 4 },
    ],
    ['licence', 'canonicalUrl'],
    ['syndication'],
    ['source'],
  ],
  settings: { mainField: 'title', defaultSortBy: 'updatedAt', defaultSortOrder: 'DESC', pageSize: 20 },
};
