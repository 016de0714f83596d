import { yup } from '@strapi/utils';
import { validateSync } from '@union-comms/kit';

/** A hub's verification of intent (WebSub §5.3) or denial (§5.2), once validated. */
export interface VerificationQuery {
  mode: 'subscribe' | 'unsubscribe' | 'denied';
  topic: string;
  /** Present for subscribe and unsubscribe. */
  challenge?: string;
  /** Present for subscribe. */
  leaseSeconds?: number;
  /** Possibly present for a denial. */
  reason?: string;
}

const schema = yup
  .object({
    'hub.mode': yup.string().required().oneOf(['subscribe', 'unsubscribe', 'denied'], 'hub.mode must be subscribe, unsubscribe or denied'),
    'hub.topic': yup.string().required().max(2048),
    'hub.challenge': yup.string().max(1024),
    'hub.lease_seconds': yup.string().matches(/^\d{1,10}$/, 'hub.lease_seconds must be a number of seconds'),
    'hub.reason': yup.string().max(2000),
  })
  // Other parameters are let through: hubs may add their own (§5.3 lists the ones a subscriber reads).
  .noUnknown(false)
  // An object-level test: yup would read `when('hub.mode')` as the path hub → mode.
  .test('challenge', 'hub.challenge is required', function challengeRequired(value) {
    const query = value as Record<string, unknown>;
    if (query['hub.mode'] === 'denied' || typeof query['hub.challenge'] === 'string') return true;
    return this.createError({ path: 'hub.challenge', message: 'hub.challenge is required' });
  });

/**
 * The query string of `GET /websub/callback/:id`, read from the raw string: the parameter names
 * hold dots (`hub.mode`), which an object-building query parser could take apart. A repeated
 * parameter is refused rather than guessed at.
 */
export const validateVerification = (querystring: string): VerificationQuery => {
  const params = new URLSearchParams(querystring);
  const input: Record<string, string | string[]> = {};
  for (const [key, value] of params) {
    const previous = input[key];
    input[key] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  const valid = validateSync(schema, input, { strict: true });
  const leaseSeconds = valid['hub.lease_seconds'];
  return {
    mode: valid['hub.mode'] as VerificationQuery['mode'],
    topic: valid['hub.topic'],
    ...(valid['hub.challenge'] !== undefined && { challenge: valid['hub.challenge'] }),
    ...(leaseSeconds !== undefined && Number(leaseSeconds) > 0 && { leaseSeconds: Number(leaseSeconds) }),
    ...(valid['hub.reason'] !== undefined && { reason: valid['hub.reason'] }),
  };
};
