import dns from 'dns';
import type { Core } from '@strapi/strapi';
import { adminToken } from '../helpers/admin';
import { bootStrapi } from '../helpers/strapi';
import { createStory } from '../helpers/syndication-fixtures';
import { createPartner, deliveriesOf, startReceiver, type Receiver } from '../helpers/syndication-push';
import { waitFor } from '../helpers/wait';

/**
 * No allow-list here: the production default. Receivers really listen on loopback, so a refusal
 * is the SSRF check and not a closed port.
 */
let strapi: Core.Strapi;
let teardown: () => Promise<void>;
let token: string;
const receivers: Receiver[] = [];

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi({
    SYNDICATION_PUSH_ALLOW_HTTP: 'true',
    SYNDICATION_PUSH_POLL_INTERVAL: '100ms',
    SYNDICATION_PUSH_TIMEOUT: '700ms',
    SYNDICATION_PUSH_RETRY_SCHEDULE: '20ms',
    SYNDICATION_PUSH_JITTER: '0',
  }));
  token = await adminToken(strapi);
});
afterAll(async () => {
  await Promise.all(receivers.map((receiver) => receiver.close()));
  await teardown();
});

const canListenOnIpv6 = async (): Promise<boolean> => {
  try {
    const probe = await startReceiver(undefined, '::1');
    await probe.close();
    return true;
  } catch {
    return false;
  }
};

it('refuses loopback, IPv6 loopback, the metadata address and a name resolving to a private address', async () => {
  const loopback = await startReceiver();
  receivers.push(loopback);
  const targets: Array<{ url: string; receiver?: Receiver }> = [{ url: loopback.url, receiver: loopback }];
  if (await canListenOnIpv6()) {
    const v6 = await startReceiver(undefined, '::1');
    receivers.push(v6);
    targets.push({ url: v6.url, receiver: v6 });
  } else {
    targets.push({ url: 'http://[::1]:9/hooks' });
  }
  targets.push({ url: 'http://169.254.169.254/latest/meta-data/' });
  // `localhost` is a name; it resolves to a loopback address, which is checked after resolution.
  const resolved = await dns.promises.lookup('localhost');
  expect(['127.0.0.1', '::1']).toContain(resolved.address);
  targets.push({ url: `http://localhost:${loopback.port}/hooks` });

  const partners: number[] = [];
  for (const target of targets) {
    const fake: Receiver = target.receiver ?? ({ url: target.url, port: 0, received: [], secret: null } as unknown as Receiver);
    const { data } = await createPartner(strapi, token, { ...fake, url: target.url } as Receiver);
    partners.push(data.id);
  }
  await createStory(strapi, { title: 'Story partners on loopback must not get', slug: 'ssrf-story' });

  for (const [index, partnerId] of partners.entries()) {
    const [delivery] = await waitFor(`failed delivery to ${targets[index].url}`, async () => {
      const list = await deliveriesOf(strapi, token, partnerId);
      return list[0]?.status === 'failed' ? list : undefined;
    });
    expect(delivery.attempts).toHaveLength(2);
    for (const attempt of delivery.attempts) {
      expect(attempt.statusCode).toBeNull();
      expect(attempt.error).toMatch(/is not allowed\. Because,? It is (private|meta) IP address/);
    }
  }
  for (const target of targets) expect(target.receiver?.received ?? []).toEqual([]);
});
