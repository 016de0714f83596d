import type { Core } from '@strapi/strapi';
import type { SchedulerConfig } from '../config';

/** The plugin's validated config (defaults merged with config/plugins.ts). */
export const pluginConfig = (strapi: Core.Strapi): SchedulerConfig => strapi.config.get('plugin::scheduler') as SchedulerConfig;
