import type { Core } from '@strapi/strapi';
import type services from '../services';

type Services = typeof services;
type ServiceName = keyof Services;
type Service<Name extends ServiceName> = ReturnType<Services[Name]>;

/** The plugin's services, typed: `getService(strapi, 'licences').list()`. */
export const getService = <Name extends ServiceName>(strapi: Core.Strapi, name: Name): Service<Name> =>
  strapi.plugin('editor-fields').service(name) as Service<Name>;
