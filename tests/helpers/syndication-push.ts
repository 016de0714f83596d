import http from 'http';
import type { AddressInfo } from 'net';
import type { Core } from '@strapi/strapi';
import { Webhook } from 'standardwebhooks';
import { http as client } from './strapi';

/**
 * Settings of the push tests: receivers on loopback are allowed (the only SSRF exception), http
 * is accepted, and retries come after milliseconds instead of minutes.
 */
export const PUSH_TEST_ENV = {
  SYNDICATION_PUSH_ALLOWED_ADDRESSES: '127.0.0.1,::1',
  SYNDICATION_PUSH_ALLOW_HTTP: 'true',
  SYNDICATION_PUSH_POLL_INTERVAL: '100ms',
  SYNDICATION_PUSH_TIMEOUT: '700ms',
  SYNDICATION_PUSH_RETRY_SCHEDULE: '50ms,100ms,150ms',
  SYNDICATION_PUSH_JITTER: '0',
};

export const ADMIN = '/syndication';

/** What a receiver got: the request as it arrived, and whether the signature verified. */
export interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  verified: boolean;
  payload: { type: string; timestamp: string; data: Record<string, unknown> } | null;
}

export type Answer = (request: Received, index: number) => { status: number; headers?: Record<string, string>; body?: string; delayMs?: number };

export interface Receiver {
  url: string;
  port: number;
  received: Received[];
  /** The secret the receiver verifies with (set once the partner is created). */
  secret: string | null;
  answer: Answer;
  close(): Promise<void>;
}

/**
 * A partner's server on 127.0.0.1 (or ::1), verifying every request with the Standard Webhooks
 * reference library, as a partner would.
 */
export const startReceiver = async (answer: Answer = () => ({ status: 200, body: 'ok' }), host = '127.0.0.1', port = 0): Promise<Receiver> => {
  const timers = new Set<NodeJS.Timeout>();
  const receiver: Receiver = {
    url: '',
    port: 0,
    received: [],
    secret: null,
    answer,
    close: async () => {
      timers.forEach((timer) => clearTimeout(timer));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let verified = false;
      let payload: Received['payload'] = null;
      if (receiver.secret) {
        try {
          payload = new Webhook(receiver.secret).verify(body, request.headers as Record<string, string>) as Received['payload'];
          verified = true;
        } catch {
          verified = false;
        }
      }
      const entry: Received = { headers: request.headers, body, verified, payload };
      receiver.received.push(entry);
      const reply = receiver.answer(entry, receiver.received.length - 1);
      const send = () => {
        if (response.destroyed) return;
        response.writeHead(reply.status, { 'content-type': 'text/plain', ...reply.headers });
        response.end(reply.body ?? '');
      };
      if (reply.delayMs) {
        const timer = setTimeout(send, reply.delayMs);
        timers.add(timer);
      } else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, host, () => resolve()));
  receiver.port = (server.address() as AddressInfo).port;
  receiver.url = `http://${host.includes(':') ? `[${host}]` : host}:${receiver.port}/hooks`;
  return receiver;
};

export interface PartnerResponse {
  data: { id: number; name: string; status: string; endpointUrl: string; disabledReason: string | null };
  secret: string;
}

/** Registers a partner through the admin API and points the receiver at its secret. */
export const createPartner = async (strapi: Core.Strapi, token: string, receiver: Receiver, extra: Record<string, unknown> = {}): Promise<PartnerResponse> => {
  const res = await client(strapi)
    .post(`${ADMIN}/partners`)
    .set('Authorization', `Bearer ${token}`)
    .send({ name: `Partner ${receiver.port}`, endpointUrl: receiver.url, ...extra });
  if (res.status !== 201) throw new Error(`partner not created: ${res.status} ${JSON.stringify(res.body)}`);
  const body = res.body as PartnerResponse;
  receiver.secret = body.secret;
  return body;
};

export interface DeliveryView {
  id: number;
  webhookId: string;
  event: string;
  status: string;
  attemptCount: number;
  lastStatusCode: number | null;
  lastError: string | null;
  attempts: Array<{ number: number; statusCode: number | null; error: string | null; responseBody: string | null; outcome: string; durationMs: number }>;
}

export const deliveriesOf = async (strapi: Core.Strapi, token: string, partnerId: number): Promise<DeliveryView[]> => {
  const res = await client(strapi).get(`${ADMIN}/partners/${partnerId}/deliveries?limit=100`).set('Authorization', `Bearer ${token}`);
  if (res.status !== 200) throw new Error(`deliveries: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { data: DeliveryView[] }).data;
};
