import { PARTICIPANT } from '../../domain/uids';
import type { ModelView } from '../types';

export const participantView: ModelView = {
  uid: PARTICIPANT,
  fields: {
    fullName: {
      label: 'Full name',
      description: 'As the person writes it (Takhmina Kubasheva). Public only if the person consented below.',
    },
    position: { label: 'Position', description: 'Job title or role in the organisation. Public only with consent.' },
    organisation: { label: 'Organisation', description: 'Where the person works or which union they represent. Public only with consent.' },
    country: {
      label: 'Country',
      description: 'Two-letter ISO 3166-1 code in capitals (KZ, IT, FR). Public only with consent.',
      placeholder: 'KZ',
    },
    publicConsent: {
      label: 'Consented to be named publicly',
      description:
        'Only participants who consented are public: when off, this person (name, position, participations) never appears on websites, feeds or the API.',
      listLabel: 'Consent',
    },
    email: { label: 'E-mail', description: 'Contact address for the federation’s staff. Never public: editors only, in no answer of the API.' },
    phone: {
      label: 'Phone',
      description: 'Contact number with country code (+7 727 ...). Never public: editors only, in no answer of the API.',
      placeholder: '+7',
    },
  },
  list: ['fullName', 'organisation', 'country', 'publicConsent'],
  edit: [
    [
      { name: 'fullName', size: 6 },
      { name: 'publicConsent', size: 6 },
    ],
    ['position', 'organisation'],
    [{ name: 'country', size: 4 }],
    ['email', 'phone'],
  ],
  settings: { mainField: 'fullName', defaultSortBy: 'fullName', defaultSortOrder: 'ASC', pageSize: 20 },
};
