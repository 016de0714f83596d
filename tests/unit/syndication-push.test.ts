import { Webhook } from 'standardwebhooks';
import {
  nextRetryDelay,
  parseDuration,
  parseRetryAfter,
  parseSchedule,
  withJitter,
  DEFAULT_RETRY_SCHEDULE,
} from '../../plugins/syndication/server/src/utils/backoff';
import { generateSecret, newWebhookId, signHeaders } from '../../plugins/syndication/server/src/utils/signing';
import { endpointProblem } from '../../plugins/syndication/server/src/validation/partner';

describe('retry schedule', () => {
  it('reads durations with units', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('5s')).toBe(5000);
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration('1d')).toBe(86_400_000);
    expect(parseDuration('250')).toBe(250);
    expect(() => parseDuration('soon')).toThrow('not a duration');
    expect(parseSchedule('5s, 5m,,30m')).toEqual([5000, 300_000, 1_800_000]);
  });

  it('spans about three days by default, from seconds to hours', () => {
    const schedule = parseSchedule(DEFAULT_RETRY_SCHEDULE);
    const total = schedule.reduce((sum, delay) => sum + delay, 0);
    expect(schedule[0]).toBe(5000);
    expect(total / 86_400_000).toBeGreaterThan(2);
    expect(total / 86_400_000).toBeLessThan(3.5);
  });

  it('jitters within ± the fraction', () => {
    expect(withJitter(1000, 0.2, () => 0)).toBe(800);
    expect(withJitter(1000, 0.2, () => 1)).toBe(1200);
    expect(withJitter(1000, 0.2, () => 0.5)).toBe(1000);
    expect(withJitter(1000, 0, Math.random)).toBe(1000);
  });

  it('gives the next delay, then gives up after the last step', () => {
    const plan = { schedule: [100, 200], jitter: 0, maxRetryAfterMs: 10_000 };
    expect(nextRetryDelay(plan, 1, null)).toBe(100);
    expect(nextRetryDelay(plan, 2, null)).toBe(200);
    expect(nextRetryDelay(plan, 3, null)).toBeNull();
  });

  it('honours Retry-After, in seconds or as a date, up to a cap', () => {
    const now = Date.parse('2025-03-28T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Fri, 28 Mar 2025 10:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('whenever', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
    const plan = { schedule: [100], jitter: 0, maxRetryAfterMs: 5000 };
    expect(nextRetryDelay(plan, 1, 3000)).toBe(3000);
    expect(nextRetryDelay(plan, 1, 60_000)).toBe(5000);
    expect(nextRetryDelay(plan, 1, 10)).toBe(100);
  });
});

describe('signing', () => {
  it('makes secrets of 32 random bytes in the whsec_ form', () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^whsec_/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(generateSecret()).not.toBe(secret);
    expect(newWebhookId()).toMatch(/^msg_[0-9a-f-]{36}$/);
  });

  it('signs so that the reference library verifies, and a changed byte fails', () => {
    const secret = generateSecret();
    const body = JSON.stringify({ type: 'story.published', data: { title: 'Турин' } });
    const headers = signHeaders(secret, 'msg_1', body);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(body.replace('Турин', 'Turin'), { ...headers })).toThrow();
    expect(() => new Webhook(generateSecret()).verify(body, { ...headers })).toThrow();
    expect(headers['webhook-signature']).toMatch(/^v1,/);
  });
});

describe('partner endpoints', () => {
  it('accepts https, http only when allowed, never credentials or fragments', () => {
    expect(endpointProblem('https://partner.example/hooks', false)).toBeNull();
    expect(endpointProblem('http://partner.example/hooks', false)).toMatch(/https/);
    expect(endpointProblem('http://partner.example/hooks', true)).toBeNull();
    expect(endpointProblem('ftp://partner.example/hooks', true)).not.toBeNull();
    expect(endpointProblem('https://a:b@partner.example/hooks', false)).toMatch(/credentials/);
    expect(endpointProblem('https://partner.example/hooks#x', false)).toMatch(/fragment/);
    expect(endpointProblem('partner.example', false)).toMatch(/absolute/);
  });
});
