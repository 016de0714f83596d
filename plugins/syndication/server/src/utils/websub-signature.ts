import { createHmac, timingSafeEqual } from 'crypto';

/** The algorithms WebSub lets a hub sign with (W3C WebSub §8.1): sha1 stays for older hubs. */
export const SIGNATURE_ALGORITHMS = ['sha1', 'sha256', 'sha384', 'sha512'] as const;
export type SignatureAlgorithm = (typeof SIGNATURE_ALGORITHMS)[number];

export type SignatureCheck =
  { ok: true; algorithm: SignatureAlgorithm } | { ok: false; problem: 'missing' | 'malformed' | 'unknown-algorithm' | 'mismatch'; algorithm: string | null };

const HEX = /^[0-9a-f]+$/i;

/**
 * Checks `X-Hub-Signature: <alg>=<hex HMAC of the body>` with the subscription's secret, over
 * the exact bytes received and in constant time (a timing leak would let a forger learn the
 * HMAC byte by byte).
 */
export const checkHubSignature = (header: string | undefined, secret: string, body: Buffer): SignatureCheck => {
  if (header === undefined || header.trim() === '') return { ok: false, problem: 'missing', algorithm: null };
  const match = /^\s*([A-Za-z0-9-]+)=([^\s]+)\s*$/.exec(header);
  if (!match) return { ok: false, problem: 'malformed', algorithm: null };
  const algorithm = match[1].toLowerCase();
  if (!(SIGNATURE_ALGORITHMS as readonly string[]).includes(algorithm)) return { ok: false, problem: 'unknown-algorithm', algorithm };
  const expected = createHmac(algorithm, secret).update(body).digest();
  const given = match[2];
  if (!HEX.test(given) || given.length !== expected.length * 2) return { ok: false, problem: 'mismatch', algorithm };
  return timingSafeEqual(expected, Buffer.from(given, 'hex'))
    ? { ok: true, algorithm: algorithm as SignatureAlgorithm }
    : { ok: false, problem: 'mismatch', algorithm };
};
