import type { Core } from '@strapi/strapi';
import { LICENCES } from '@union-comms/kit';

/** SPDX's full names of the ids the kit supports; an id added there without one shows as itself. */
const NAMES: Readonly<Record<string, string>> = {
  'CC-BY-4.0': 'Creative Commons Attribution 4.0 International',
  'CC-BY-SA-4.0': 'Creative Commons Attribution Share Alike 4.0 International',
  'CC-BY-ND-4.0': 'Creative Commons Attribution No Derivatives 4.0 International',
  'CC-BY-NC-4.0': 'Creative Commons Attribution Non Commercial 4.0 International',
  'CC-BY-NC-SA-4.0': 'Creative Commons Attribution Non Commercial Share Alike 4.0 International',
  'CC-BY-NC-ND-4.0': 'Creative Commons Attribution Non Commercial No Derivatives 4.0 International',
  'CC0-1.0': 'Creative Commons Zero v1.0 Universal',
  'LicenseRef-all-rights-reserved': 'All rights reserved',
};

export interface LicenceOption {
  /** The SPDX id, stored as it is. */
  id: string;
  name: string;
  /** The licence's canonical URL; null where there is none (all rights reserved). */
  url: string | null;
}

export default (_: { strapi: Core.Strapi }) => ({
  /** The licences a story may carry: the kit's list, the same the server validates against. */
  list(): LicenceOption[] {
    return Object.entries(LICENCES).map(([id, url]) => ({ id, name: NAMES[id] ?? id, url: url || null }));
  },
});
