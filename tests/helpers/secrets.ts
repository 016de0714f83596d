import { randomBytes } from 'crypto';

const secret = () => randomBytes(16).toString('base64');

/** Fresh random values for every secret the app needs: for throw-away test and benchmark servers only. */
export const throwawaySecrets = (): Record<string, string> => ({
  APP_KEYS: [secret(), secret()].join(','),
  API_TOKEN_SALT: secret(),
  ADMIN_JWT_SECRET: secret(),
  TRANSFER_TOKEN_SALT: secret(),
  JWT_SECRET: secret(),
  ENCRYPTION_KEY: secret(),
});
