import { randomBytes, randomUUID } from 'crypto';
import { Webhook } from 'standardwebhooks';

/** Bytes of randomness in a partner secret (the spec asks for 24 to 64). */
export const SECRET_BYTES = 32;

/** A new signing secret in the Standard Webhooks form: `whsec_` + base64 of random bytes. */
export const generateSecret = (): string => `whsec_${randomBytes(SECRET_BYTES).toString('base64')}`;

/** A message id, stable for one delivery (redeliveries keep it, so partners can de-duplicate). */
export const newWebhookId = (): string => `msg_${randomUUID()}`;

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/**
 * The Standard Webhooks headers for `body` (the exact bytes sent), signed with the spec's
 * reference library: `v1,` + base64 HMAC-SHA256 of `id.timestamp.body`.
 */
export const signHeaders = (secret: string, webhookId: string, body: string, at: Date = new Date()): SignedHeaders => {
  const timestamp = new Date(Math.floor(at.getTime() / 1000) * 1000);
  return {
    'webhook-id': webhookId,
    'webhook-timestamp': String(timestamp.getTime() / 1000),
    'webhook-signature': new Webhook(secret).sign(webhookId, timestamp, body),
  };
};
