/**
 * Licences a story may carry, by SPDX identifier, with the canonical URL feeds link to.
 * "LicenseRef-all-rights-reserved" is SPDX's form for a licence outside its list.
 */
export const LICENCES: Readonly<Record<string, string>> = {
  'CC-BY-4.0': 'https://creativecommons.org/licenses/by/4.0/',
  'CC-BY-SA-4.0': 'https://creativecommons.org/licenses/by-sa/4.0/',
  'CC-BY-ND-4.0': 'https://creativecommons.org/licenses/by-nd/4.0/',
  'CC-BY-NC-4.0': 'https://creativecommons.org/licenses/by-nc/4.0/',
  'CC-BY-NC-SA-4.0': 'https://creativecommons.org/licenses/by-nc-sa/4.0/',
  'CC-BY-NC-ND-4.0': 'https://creativecommons.org/licenses/by-nc-nd/4.0/',
  'CC0-1.0': 'https://creativecommons.org/publicdomain/zero/1.0/',
  'LicenseRef-all-rights-reserved': '',
};

export const isKnownLicence = (id: string): boolean => Object.prototype.hasOwnProperty.call(LICENCES, id);

export const licenceUrl = (id: string): string | undefined => LICENCES[id] || undefined;
