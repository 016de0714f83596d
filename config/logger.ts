import type { Core } from '@strapi/strapi';

/**
 * Strapi's logger (winston, pretty-printed to the console) at the level `LOG_LEVEL` gives:
 * `http` (the default) writes a line per request, Strapi's access log; `info` keeps the
 * lifecycle messages, warnings and errors without it; `debug` and `silly` add Strapi's
 * debugging output.
 */
const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  level: env('LOG_LEVEL', 'http'),
});

export default config;
