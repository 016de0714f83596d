import type { Core } from '@strapi/strapi';
import type services from '../services';

type Services = typeof services;
export type ServiceName = keyof Services;
export type Service<Name extends ServiceName> = ReturnType<Services[Name]>;

/** The plugin's services, typed: `getService(strapi, 'runner').poll()`. */
export const getService = <Name extends ServiceName>(strapi: Core.Strapi, name: Name): Service<Name> =>
  strapi.plugin('scheduler').service(name) as Service<Name>;
