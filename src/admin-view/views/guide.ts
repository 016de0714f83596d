import { GUIDE } from '../../domain/uids';
import type { ModelView } from '../types';

export const guideView: ModelView = {
  uid: GUIDE,
  fields: {
    title: { label: 'Title', description: 'Title of the guide as printed, up to 300 characters. Public once published.' },
    slug: {
      label: 'Web address (slug)',
      description: 'Last part of the guide’s URL, made from the title: lower-case letters, digits and hyphens. Public.',
      listLabel: 'Slug',
    },
    summary: { label: 'Summary', description: 'What the guide is about and for whom, in plain text (up to 4000 characters). Public.' },
    publisher: { label: 'Publisher', description: 'Organisation that published the guide (ACTRAV). Public.' },
    series: { label: 'Series', description: 'Name of the series it belongs to, if any. Public.' },
    edition: { label: 'Edition', description: 'Edition as printed (2nd edition, 2025 update). Public.' },
    publicationDate: { label: 'Publication date', description: 'Day the guide was published (the 1st of the month if only the month is known). Public.' },
    isbn: {
      label: 'ISBN',
      description: 'ISBN-13 with or without hyphens (978-92-2-031234-5); leave empty if it has none. Public.',
      placeholder: '978-',
    },
    continues: { label: 'Continues', description: 'The earlier guide this one follows on from, making a chain of editions. Public.' },
    continuedBy: { label: 'Continued by', description: 'Later guides that follow on from this one; set from their “Continues” field. Public.' },
    audiences: { label: 'Audiences', description: 'Who the guide is written for (young workers, women, migrant workers...). Public.' },
    topics: { label: 'Topics', description: 'Subjects the guide is filed under. Public.' },
    chapters: { label: 'Chapters', description: 'Its chapters, in order, with a number, a title and a summary. Public.' },
    file: { label: 'File', description: 'The guide itself in this language (PDF or similar), for download. Public.' },
    cover: { label: 'Cover image', description: 'Picture of the guide’s cover. Public.' },
  },
  list: ['title', 'publisher', 'edition', 'publicationDate'],
  edit: [
    [
      { name: 'title', size: 8 },
      { name: 'slug', size: 4 },
    ],
    [{ name: 'summary', size: 12 }],
    ['publisher', 'series'],
    [
      { name: 'edition', size: 4 },
      { name: 'publicationDate', size: 4 },
      { name: 'isbn', size: 4 },
    ],
    ['continues', 'continuedBy'],
    ['audiences', 'topics'],
    ['chapters'],
    ['file', 'cover'],
  ],
  settings: { mainField: 'title', defaultSortBy: 'publicationDate', defaultSortOrder: 'DESC', pageSize: 20 },
};
