import { createHmac, timingSafeEqual } from 'crypto';
import http from 'http';
import type { AddressInfo } from 'net';

/** How a test subscriber answers our hub's verification GET and its content POSTs. */
export interface SubscriberBehaviour {
  /** `echo`: answers the challenge (a real subscriber); `wrong`: answers another string with 200; `refuse`: 404. */
  verification: 'echo' | 'wrong' | 'refuse';
  /** Status of its answer to a content delivery (410: it is gone), or a function of the delivery's index. */
  deliveryStatus: number | ((index: number) => number);
  /** While true, a delivery is read but never answered (the hub's request hangs until its timeout). */
  hold: boolean;
}

export interface Verification {
  mode: string | null;
  topic: string | null;
  challenge: string | null;
  leaseSeconds: string | null;
  /** The other query parameters of the callback, as it was given to the hub. */
  query: Record<string, string>;
}

export interface Delivery {
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Whether X-Hub-Signature is the HMAC of the body with the subscriber's secret (null: no secret set). */
  signatureValid: boolean | null;
}

export interface Subscriber {
  /** The callback URL to give the hub (with a query parameter of its own, which WebSub keeps). */
  callback: string;
  host: string;
  verifications: Verification[];
  deliveries: Delivery[];
  behaviour: SubscriberBehaviour;
  secret: string | null;
  close(): Promise<void>;
}

/** `X-Hub-Signature: sha256=<hex>` checked the way a WebSub subscriber does, in constant time. */
const signatureValid = (secret: string, body: string, header: string | undefined): boolean => {
  const match = /^sha256=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match) return false;
  const expected = createHmac('sha256', secret).update(body, 'utf8').digest();
  return timingSafeEqual(expected, Buffer.from(match[1], 'hex'));
};

/**
 * A WebSub subscriber on 127.0.0.1, as websub.rocks plays one: answers the hub's verification
 * of intent (GET with hub.challenge) and records the content the hub distributes (POST).
 */
export const startSubscriber = async (behaviour: Partial<SubscriberBehaviour> = {}, secret: string | null = null): Promise<Subscriber> => {
  const subscriber: Subscriber = {
    callback: '',
    host: '',
    verifications: [],
    deliveries: [],
    behaviour: { verification: 'echo', deliveryStatus: 200, hold: false, ...behaviour },
    secret,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method === 'GET') {
      const query = Object.fromEntries([...url.searchParams].filter(([key]) => !key.startsWith('hub.')));
      const challenge = url.searchParams.get('hub.challenge');
      subscriber.verifications.push({
        mode: url.searchParams.get('hub.mode'),
        topic: url.searchParams.get('hub.topic'),
        challenge,
        leaseSeconds: url.searchParams.get('hub.lease_seconds'),
        query,
      });
      const { verification } = subscriber.behaviour;
      if (verification === 'refuse') {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not subscribing');
        return;
      }
      response.writeHead(200, { 'content-type': 'text/plain' }).end(verification === 'echo' ? (challenge ?? '') : 'something else');
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const header = request.headers['x-hub-signature'];
      subscriber.deliveries.push({
        headers: request.headers,
        body,
        signatureValid: subscriber.secret === null ? null : signatureValid(subscriber.secret, body, Array.isArray(header) ? header[0] : header),
      });
      if (subscriber.behaviour.hold) return;
      const { deliveryStatus } = subscriber.behaviour;
      const status = typeof deliveryStatus === 'number' ? deliveryStatus : deliveryStatus(subscriber.deliveries.length - 1);
      response.writeHead(status, { 'content-type': 'text/plain' }).end('thanks');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  subscriber.host = `127.0.0.1:${port}`;
  subscriber.callback = `http://${subscriber.host}/websub/callback?reader=${port}`;
  return subscriber;
};

/** `Link` header values as `{ rel: url }` pairs (each rel listed as often as it occurs). */
export const parseLinkHeader = (header: string | undefined): Array<{ rel: string; url: string }> =>
  (header ?? '')
    .split(/,(?=\s*<)/)
    .map((part) => /^\s*<([^>]*)>\s*;\s*rel="?([^";]+)"?/.exec(part))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ url: match[1], rel: match[2] }));
