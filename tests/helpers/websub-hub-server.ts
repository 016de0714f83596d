import { createHmac, randomBytes } from 'crypto';
import http from 'http';
import type { AddressInfo } from 'net';

/** A subscription request as the hub received it (WebSub §5.1). */
export interface HubRequest {
  /** The path it was sent to (after our own redirects, the path that answered 202). */
  path: string;
  mode: string;
  topic: string;
  /** As sent by the subscriber (its public URL). */
  callback: string;
  secret: string | null;
  leaseSeconds: number | null;
  at: number;
}

/** A subscription the hub verified, that it distributes to. */
export interface HubSubscription {
  topic: string;
  callback: string;
  secret: string | null;
  leaseSeconds: number;
}

export interface VerificationResult {
  status: number;
  body: string;
  challenge: string;
}

export type SignatureMode = 'valid' | 'invalid' | 'none';

export interface TestHub {
  origin: string;
  /** Where the hub takes requests (`/hub`), and extra paths answering with a redirect to it. */
  redirects: Map<string, { status: number; location: string }>;
  /** Every subscription request that reached `/hub`. */
  requests: HubRequest[];
  /** Paths every POST was first sent to (redirects included), in order. */
  arrivals: string[];
  /** Verified subscriptions by callback. */
  subscriptions: Map<string, HubSubscription>;
  /** Verify each request right after accepting it (off: the test verifies, denies or forges by hand). */
  autoVerify: boolean;
  /** The lease the hub grants (seconds). */
  grantSeconds: number;
  /** Sends a verification of intent for `request`, with anything overridden; records the subscription when echoed. */
  verify(request: HubRequest, overrides?: { mode?: string; topic?: string; challenge?: string }): Promise<VerificationResult>;
  /** Tells the subscriber the subscription was denied (§5.2). */
  deny(request: HubRequest, reason: string): Promise<number>;
  /** Distributes `body` to the subscription (§7), signed as asked. */
  publish(
    subscription: Pick<HubSubscription, 'callback' | 'secret' | 'topic'>,
    body: string,
    options?: { contentType?: string; signature?: SignatureMode; algorithm?: string },
  ): Promise<{ status: number; body: string }>;
  /** The first request matching, within a deadline. */
  waitForRequest(match: (request: HubRequest) => boolean, what: string, timeoutMs?: number): Promise<HubRequest>;
  close(): Promise<void>;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A WebSub hub on 127.0.0.1, as websub.rocks plays one for its subscriber tests: takes
 * form-encoded subscription requests at `/hub` (202), verifies intent with a random challenge
 * by GETting the callback, distributes content with `X-Hub-Signature` (good, bad or none), and
 * redirects from other paths when told to. The app's public URL (`PUBLIC_URL`) is not where
 * it listens in tests: `reach` maps a callback URL to the app's real address.
 */
export const startTestHub = async (reach: (callback: string) => string): Promise<TestHub> => {
  const redirects = new Map<string, { status: number; location: string }>();
  const requests: HubRequest[] = [];
  const arrivals: string[] = [];
  const subscriptions = new Map<string, HubSubscription>();
  const pending = new Set<Promise<unknown>>();

  const hub: TestHub = {
    origin: '',
    redirects,
    requests,
    arrivals,
    subscriptions,
    autoVerify: true,
    grantSeconds: 3600,

    async verify(request, overrides = {}) {
      const challenge = overrides.challenge ?? randomBytes(12).toString('hex');
      const mode = overrides.mode ?? request.mode;
      const url = new URL(reach(request.callback));
      url.searchParams.set('hub.mode', mode);
      url.searchParams.set('hub.topic', overrides.topic ?? request.topic);
      url.searchParams.set('hub.challenge', challenge);
      if (mode === 'subscribe') url.searchParams.set('hub.lease_seconds', String(hub.grantSeconds));
      const response = await fetch(url);
      const body = await response.text();
      // §5.3: the subscriber confirms by echoing the challenge with a 2xx.
      if (response.status >= 200 && response.status < 300 && body === challenge) {
        if (mode === 'subscribe')
          subscriptions.set(request.callback, { topic: request.topic, callback: request.callback, secret: request.secret, leaseSeconds: hub.grantSeconds });
        if (mode === 'unsubscribe') subscriptions.delete(request.callback);
      }
      return { status: response.status, body, challenge };
    },

    async deny(request, reason) {
      const url = new URL(reach(request.callback));
      url.searchParams.set('hub.mode', 'denied');
      url.searchParams.set('hub.topic', request.topic);
      url.searchParams.set('hub.reason', reason);
      const response = await fetch(url);
      await response.text();
      return response.status;
    },

    async publish(subscription, body, options = {}) {
      const headers: Record<string, string> = {
        'content-type': options.contentType ?? 'application/atom+xml',
        link: `<${hub.origin}/hub>; rel="hub", <${subscription.topic}>; rel="self"`,
      };
      const algorithm = options.algorithm ?? 'sha256';
      const mode = options.signature ?? 'valid';
      if (mode !== 'none') {
        // An invalid signature is one made with another secret: well-formed, and wrong.
        const key = mode === 'valid' ? (subscription.secret ?? '') : 'not-the-secret';
        headers['x-hub-signature'] = `${algorithm}=${createHmac(algorithm, key).update(body).digest('hex')}`;
      }
      const response = await fetch(reach(subscription.callback), { method: 'POST', headers, body });
      return { status: response.status, body: await response.text() };
    },

    async waitForRequest(match, what, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = requests.find(match);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`timed out waiting for the hub to receive: ${what}`);
        await pause(50);
      }
    },

    close: async () => {
      server.closeAllConnections();
      await Promise.allSettled([...pending]);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
      arrivals.push(path);
      const redirect = redirects.get(path);
      if (redirect) {
        response.writeHead(redirect.status, { location: redirect.location }).end();
        return;
      }
      if (request.method !== 'POST' || path !== '/hub') {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      if (!/^application\/x-www-form-urlencoded/i.test(request.headers['content-type'] ?? '')) {
        response.writeHead(400, { 'content-type': 'text/plain' }).end('form-encoded, please');
        return;
      }
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const mode = form.get('hub.mode') ?? '';
      const topic = form.get('hub.topic') ?? '';
      const callback = form.get('hub.callback') ?? '';
      if (!['subscribe', 'unsubscribe'].includes(mode) || !topic || !callback) {
        response.writeHead(400, { 'content-type': 'text/plain' }).end('hub.mode, hub.topic and hub.callback are required');
        return;
      }
      const lease = form.get('hub.lease_seconds');
      const received: HubRequest = { path, mode, topic, callback, secret: form.get('hub.secret'), leaseSeconds: lease ? Number(lease) : null, at: Date.now() };
      requests.push(received);
      response.writeHead(202, { 'content-type': 'text/plain' }).end('accepted');
      if (hub.autoVerify) {
        const verification = hub.verify(received).catch(() => undefined);
        pending.add(verification);
        void verification.finally(() => pending.delete(verification));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  hub.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return hub;
};
