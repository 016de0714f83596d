import type { Core } from '@strapi/strapi';
import { loggerTransports } from '../src/logging/access-log';

/**
 * Strapi's logger (winston, pretty-printed) at the level `LOG_LEVEL` gives: `http` (the
 * default) writes a line per request, Strapi's access log; `info` keeps the lifecycle messages,
 * warnings and errors without it; `debug` and `silly` add Strapi's debugging output. The access
 * lines are written to stdout asynchronously, everything else synchronously as Strapi does
 * (src/logging/access-log.ts; `ACCESS_LOG_BUFFER_MB` bounds what waits to be written).
 */
const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  level: env('LOG_LEVEL', 'http'),
  transports: loggerTransports(env.int('ACCESS_LOG_BUFFER_MB', 16)),
});

export default config;
