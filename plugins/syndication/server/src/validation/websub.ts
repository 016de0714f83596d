import { validationError, type Problem } from '@union-comms/kit';

/** `hub.secret` must be shorter than this many bytes (WebSub: "less than 200 bytes"). */
export const MAX_SECRET_BYTES = 200;

/** A subscriber's request to our hub, once validated (the topic is checked by the hub against our feeds). */
export interface HubRequest {
  mode: 'subscribe' | 'unsubscribe';
  topic: string;
  callback: string;
  /** Asked lease; undefined: the default. Moved into the configured bounds by the hub. */
  leaseSeconds: number | undefined;
  secret: string | undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The form fields of a hub request. Strapi's body parser (co-body, `qs` with `allowDots`) turns
 * `hub.mode=…` into `{ hub: { mode } }`; each field must be one string (a repeated field
 * arrives as an array and is refused). Other fields are ignored, as WebSub says (websub.rocks
 * hub test 102). Every problem is reported, each under the form field's own name.
 */
export const validateHubRequest = (body: unknown, options: { allowHttp: boolean }): HubRequest => {
  const hub = isRecord(body) && isRecord(body.hub) ? body.hub : {};
  const problems: Problem[] = [];
  const field = (name: string, required: boolean): string | undefined => {
    const value = hub[name];
    if (value === undefined || value === '') {
      if (required) problems.push({ path: [`hub.${name}`], message: `hub.${name} is required` });
      return undefined;
    }
    if (typeof value !== 'string') {
      problems.push({ path: [`hub.${name}`], message: `hub.${name} must be given once, as text` });
      return undefined;
    }
    return value;
  };

  const mode = field('mode', true);
  if (mode !== undefined && mode !== 'subscribe' && mode !== 'unsubscribe') {
    problems.push({ path: ['hub.mode'], message: 'hub.mode must be subscribe or unsubscribe' });
  }
  const topic = field('topic', true);
  if (topic !== undefined && topic.length > 2048) problems.push({ path: ['hub.topic'], message: 'hub.topic must be at most 2048 characters' });

  const callback = field('callback', true);
  if (callback !== undefined) {
    let url: URL | null = null;
    try {
      url = new URL(callback);
    } catch {
      problems.push({ path: ['hub.callback'], message: 'hub.callback must be an absolute URL' });
    }
    if (url) {
      const schemeAllowed = url.protocol === 'https:' || (options.allowHttp && url.protocol === 'http:');
      // Plain http is the WebSub norm, but then the feed (and a forged signature check) travel in
      // clear text; like partner endpoints, http only where push.allowHttp says so.
      if (!schemeAllowed) problems.push({ path: ['hub.callback'], message: `hub.callback must be an https${options.allowHttp ? ' or http' : ''} URL` });
      else if (url.username || url.password) problems.push({ path: ['hub.callback'], message: 'hub.callback must not carry credentials' });
      else if (url.hash) problems.push({ path: ['hub.callback'], message: 'hub.callback must not have a fragment' });
      else if (callback.length > 2048) problems.push({ path: ['hub.callback'], message: 'hub.callback must be at most 2048 characters' });
    }
  }

  const lease = field('lease_seconds', false);
  let leaseSeconds: number | undefined;
  if (lease !== undefined) {
    if (!/^[0-9]{1,10}$/.test(lease)) problems.push({ path: ['hub.lease_seconds'], message: 'hub.lease_seconds must be a whole number of seconds' });
    else leaseSeconds = Number(lease);
  }

  const secret = field('secret', false);
  if (secret !== undefined && Buffer.byteLength(secret, 'utf8') >= MAX_SECRET_BYTES) {
    problems.push({ path: ['hub.secret'], message: `hub.secret must be less than ${MAX_SECRET_BYTES} bytes` });
  }

  if (problems.length > 0) throw validationError(problems);
  return { mode: mode as HubRequest['mode'], topic: topic as string, callback: callback as string, leaseSeconds, secret };
};
