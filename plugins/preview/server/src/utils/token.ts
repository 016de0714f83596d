import { createHmac, timingSafeEqual } from 'crypto';

/**
 * Preview tokens: JSON Web Tokens (RFC 7519) signed with HMAC-SHA256 (HS256), so that a website
 * checks one with any JWT library and the shared secret. Each names one version of one
 * document (type, documentId, locale, status) and expires soon. Signed and checked here with
 * node:crypto (the header is fixed; nothing else is accepted), not a JWT library: the plugin's
 * build unit has none among its dependencies.
 */

/** `aud` of every preview token: a token of another use of the same secret is not one of these. */
export const PREVIEW_AUDIENCE = 'union-comms-preview';

export type PreviewClaims = {
  /** The type, as in paths: `stories`, `events`, `guides`. */
  type: string;
  documentId: string;
  locale: string;
  status: 'draft' | 'published';
};

type Payload = PreviewClaims & { aud: string; iat: number; exp: number };

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

const signature = (secret: string, input: string): Buffer => createHmac('sha256', secret).update(input).digest();

/** A token for `claims`, valid for `ttlSeconds` from `now` (ms since epoch). */
export const signPreviewToken = (secret: string, claims: PreviewClaims, ttlSeconds: number, now = Date.now()): string => {
  const iat = Math.floor(now / 1000);
  const payload: Payload = { ...claims, aud: PREVIEW_AUDIENCE, iat, exp: iat + ttlSeconds };
  const input = `${HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${input}.${signature(secret, input).toString('base64url')}`;
};

const isString = (value: unknown): value is string => typeof value === 'string';

/**
 * The claims of `token` when it is one of ours, signed with `secret`, unexpired at `now` and for
 * exactly `expected`; otherwise null. Every failure is the same null: the caller cannot tell a
 * forged token from an expired one or one for another document, and so neither can a client.
 */
export const verifyPreviewToken = (secret: string, token: string, expected: PreviewClaims, now = Date.now()): PreviewClaims | null => {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== HEADER) return null;
  const given = Buffer.from(parts[2], 'base64url');
  const wanted = signature(secret, `${parts[0]}.${parts[1]}`);
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return null;
  let payload: Partial<Payload>;
  try {
    payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Partial<Payload>;
  } catch {
    return null;
  }
  if (payload.aud !== PREVIEW_AUDIENCE || typeof payload.exp !== 'number' || payload.exp * 1000 <= now) return null;
  if (![payload.type, payload.documentId, payload.locale, payload.status].every(isString)) return null;
  const claims = { type: payload.type, documentId: payload.documentId, locale: payload.locale, status: payload.status } as PreviewClaims;
  const matches =
    claims.type === expected.type && claims.documentId === expected.documentId && claims.locale === expected.locale && claims.status === expected.status;
  return matches ? claims : null;
};
