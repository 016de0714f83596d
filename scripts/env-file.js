'use strict';

/**
 * Creates .env from .env.example for local use, if there is none: fresh random secrets, the
 * demo content on, and links to http://localhost:1337.
 * Never overwrites an existing .env.
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const target = path.join(root, '.env');

const secret = () => crypto.randomBytes(16).toString('base64');

const ensureEnvFile = () => {
  if (fs.existsSync(target)) return false;
  const example = fs.readFileSync(path.join(root, '.env.example'), 'utf8');
  // Local settings: the demo content, and links that point at this machine.
  const generated = {
    PUBLIC_URL: 'http://localhost:1337',
    SEED_DEMO_CONTENT: 'true',
    APP_KEYS: [secret(), secret(), secret(), secret()].join(','),
    API_TOKEN_SALT: secret(),
    ADMIN_JWT_SECRET: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    JWT_SECRET: secret(),
    ENCRYPTION_KEY: secret(),
  };
  const content = example.replace(/^([A-Z_]+)=(.*)$/gm, (line, key) => (key in generated ? `${key}=${generated[key]}` : line));
  fs.writeFileSync(target, content, { mode: 0o600 });
  return true;
};

module.exports = { ensureEnvFile };

if (require.main === module && ensureEnvFile()) console.log('Created .env with fresh secrets.');
