import http from 'http';
import type { AddressInfo } from 'net';

/**
 * A WebSub subscriber on 127.0.0.1 for the publishing scenario: subscribes to the JSON feed at
 * the app's hub, echoes the hub's challenge, and notes when each pushed feed body arrives, so the
 * runner can tell how long after a publish a subscriber had the story.
 */
export interface BenchSubscriber {
  /** Resolves with the arrival time (epoch ms) of the first pushed body containing `text`; null after `timeoutMs`. */
  arrivalOf(text: string, timeoutMs: number): Promise<number | null>;
  close(): Promise<void>;
}

export const startBenchSubscriber = async (appBase: string, topic: string): Promise<BenchSubscriber> => {
  const arrivals: Array<{ at: number; body: string }> = [];
  const waiters = new Set<() => void>();
  let verified: (() => void) | null = null;
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method === 'GET') {
      response.writeHead(200, { 'content-type': 'text/plain' }).end(url.searchParams.get('hub.challenge') ?? '');
      verified?.();
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      arrivals.push({ at: Date.now(), body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(204).end();
      waiters.forEach((wake) => wake());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;

  const challenged = new Promise<void>((resolve) => (verified = resolve));
  const answer = await fetch(`${appBase}/api/syndication/websub`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ 'hub.mode': 'subscribe', 'hub.topic': topic, 'hub.callback': `http://127.0.0.1:${port}/bench` }).toString(),
  });
  if (answer.status !== 202) throw new Error(`the hub answered ${answer.status}: ${await answer.text()}`);
  await challenged;
  // The subscription is stored right after the echoed challenge.
  await new Promise((resolve) => setTimeout(resolve, 500));

  return {
    arrivalOf: (text, timeoutMs) =>
      new Promise((resolve) => {
        const check = () => {
          const found = arrivals.find((arrival) => arrival.body.includes(text));
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found.at);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          resolve(null);
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
