import { ORGANISATION } from '../../domain/uids';
import type { ModelView } from '../types';

export const organisationView: ModelView = {
  uid: ORGANISATION,
  fields: {
    name: {
      label: 'Name',
      description: 'Full name in this language (Federation of Trade Unions of the Republic of Kazakhstan). Public.',
    },
    acronym: { label: 'Acronym', description: 'Short form in this language (FPRK, ФПРК), up to 40 characters. Public.' },
    slug: {
      label: 'Web address (slug)',
      description: 'Last part of the organisation’s URL, made from the name: lower-case letters, digits and hyphens. Public.',
      listLabel: 'Slug',
    },
    kind: {
      label: 'Kind',
      description: 'National federation, sectoral union, global union federation, international organisation, training centre or NGO. Public.',
    },
    country: {
      label: 'Country',
      description: 'Two-letter ISO 3166-1 code in capitals (KZ); leave empty for international bodies. Public.',
      placeholder: 'KZ',
    },
    description: { label: 'Description', description: 'A few plain-text sentences on who they are (up to 2000 characters). Public.' },
    website: { label: 'Website', description: 'Full https:// address of their site. Public.', placeholder: 'https://' },
    logo: { label: 'Logo', description: 'Their logo, as an image. Public.' },
    parent: { label: 'Part of', description: 'The organisation this one belongs to (ACTRAV is part of the ILO). Public.' },
    children: { label: 'Member bodies', description: 'Organisations that are part of this one; set from their “Part of” field. Public.' },
  },
  list: ['name', 'acronym', 'kind', 'country'],
  edit: [
    [
      { name: 'name', size: 8 },
      { name: 'acronym', size: 4 },
    ],
    ['slug', 'kind'],
    [
      { name: 'country', size: 4 },
      { name: 'website', size: 8 },
    ],
    [{ name: 'description', size: 12 }],
    ['parent', 'children'],
    ['logo'],
  ],
  settings: { mainField: 'name', defaultSortBy: 'name', defaultSortOrder: 'ASC', pageSize: 20 },
};
