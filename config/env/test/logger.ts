import { winston } from '@strapi/logger';

/** Tests print only warnings and errors, so that a failing test's output is readable. */
export default {
  transports: [new winston.transports.Console({ level: 'warn', format: winston.format.simple() })],
};
