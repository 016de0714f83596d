/**
 * The plugin's custom fields (`plugin::editor-fields.<name>` in a schema). The admin registers
 * the same names with its inputs (admin/src/index.ts).
 */
export const CUSTOM_FIELDS = [
  // ISO 3166-1 alpha-2, as the app's validation checks it ("IT").
  { name: 'country', type: 'string' },
  // An IANA time zone name ("Europe/Rome").
  { name: 'time-zone', type: 'string' },
  // An SPDX id of a licence the app supports (the kit's LICENCES).
  { name: 'licence', type: 'string' },
  // A UTC instant, entered as the wall time of the zone named by a sibling attribute.
  { name: 'zoned-datetime', type: 'datetime' },
] as const;
