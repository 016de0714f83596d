import http from 'http';
import type { AddressInfo } from 'net';
import { startInstallation, startProcess, stopInstallation, type Installation } from '../helpers/syndication-installations';
import { waitFor } from '../helpers/wait';

/**
 * Two installations, A and B, each its own server process and database, connected as the plugin
 * README tells a new user to: B takes A's stories in (inbound partner, policy publish), A pushes
 * to B's inbox; B is also registered to push to A, so that an echo would show. Real HTTP only.
 */
let a: Installation;
let b: Installation;
let proxy: Proxy;

const STORY = 'api::story.story';

/**
 * Between A and B: forwards A's pushes to B as they are; while `withhold` is on, B's answer is
 * kept from A (B has the message, A never learns it arrived): the moment to kill A.
 */
interface Proxy {
  url: string;
  withhold: boolean;
  requests: Array<{ webhookId: string; status: number | null }>;
  close(): Promise<void>;
}

const startProxy = async (target: string): Promise<Proxy> => {
  const held: http.ServerResponse[] = [];
  const state: Proxy = { url: '', withhold: false, requests: [], close: async () => undefined };
  const server = http.createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const entry = { webhookId: String(incoming.headers['webhook-id'] ?? ''), status: null as number | null };
      state.requests.push(entry);
      const upstream = http.request(new URL(incoming.url ?? '/', target), { method: incoming.method, headers: incoming.headers }, (answer) => {
        const body: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => body.push(chunk));
        answer.on('end', () => {
          entry.status = answer.statusCode ?? null;
          if (state.withhold) {
            held.push(outgoing);
            return;
          }
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          outgoing.end(Buffer.concat(body));
        });
      });
      upstream.on('error', () => outgoing.destroy());
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = async () => {
    held.forEach((response) => response.destroy());
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return state;
};

const as = (installation: Installation) => ({
  get: (path: string) => installation.http().get(path).set('Authorization', `Bearer ${installation.token}`),
  post: (path: string, body: object = {}) => installation.http().post(path).set('Authorization', `Bearer ${installation.token}`).send(body),
  put: (path: string, body: object) => installation.http().put(path).set('Authorization', `Bearer ${installation.token}`).send(body),
  patch: (path: string, body: object) => installation.http().patch(path).set('Authorization', `Bearer ${installation.token}`).send(body),
});

const CM = `/content-manager/collection-types/${STORY}`;

interface ReceivedEntry {
  id: number;
  externalId: string;
  outcome: string;
  locales: string[];
  storyDocumentId: string | null;
  acceptable: boolean;
  changes: string[];
}

let partnerAtB: { id: number; inboxUrl: string };
let partnerAtA: { id: number; inboxUrl: string };
let storyAtA: string;
let storyAtB: string;

const receivedAtB = async (): Promise<ReceivedEntry[]> => {
  const res = await as(b).get(`/syndication/partners/${partnerAtB.id}/received?limit=100`);
  expect(res.status).toBe(200);
  return res.body.data as ReceivedEntry[];
};

/** Waits for B's log to hold `count` entries about A's story `externalId`; answers them, newest first. */
const arrivedAtB = (externalId: string, count: number) =>
  waitFor(
    `${count} entries about ${externalId} at B`,
    async () => {
      const entries = (await receivedAtB()).filter((entry) => entry.externalId === externalId);
      return entries.length >= count ? entries : undefined;
    },
    30000,
  );

/** B's story as a website reads it. */
const publicAtB = async (locale: string) => {
  const res = await b.http().get(`/api/stories/${storyAtB}?locale=${locale}&populate=source`);
  return res;
};

beforeAll(async () => {
  // A waits long enough for an answer to be killed while a push is under way (its lease, 8 s + 5 s, then runs out for the restarted A).
  [a, b] = await Promise.all([startInstallation('A', { SYNDICATION_PUSH_TIMEOUT: '8s' }), startInstallation('B')]);
  proxy = await startProxy(b.url);
}, 240000);

afterAll(async () => {
  await proxy?.close();
  await Promise.all([a, b].filter(Boolean).map(stopInstallation));
  await Promise.all([a, b].filter(Boolean).map((installation) => installation.drop()));
});

describe('two installations syndicating', () => {
  it("connect as the README says: B takes A in, A pushes to B, B stores A's secret", async () => {
    // At B: A is an inbound partner (B also pushes to A: an echo would show there).
    const atB = await as(b).post('/syndication/partners', { name: 'Installation A', inbound: { enabled: true, policy: 'publish' } });
    expect(atB.status).toBe(201);
    partnerAtB = atB.body.data;
    const secretOfB = atB.body.secret as string;
    expect(partnerAtB.inboxUrl.startsWith(`${b.url}/api/syndication/inbox/`)).toBe(true);

    // At A: B is where A pushes (through the proxy that stands between them); A also takes B in.
    const inboxPath = new URL(partnerAtB.inboxUrl).pathname;
    const atA = await as(a).post('/syndication/partners', {
      name: 'Installation B',
      endpointUrl: `${proxy.url}${inboxPath}`,
      inbound: { enabled: true, policy: 'publish' },
    });
    expect(atA.status).toBe(201);
    partnerAtA = atA.body.data;
    const secretOfA = atA.body.secret as string;

    expect((await as(b).put(`/syndication/partners/${partnerAtB.id}/inbound-secret`, { secret: secretOfA })).status).toBe(204);
    expect((await as(a).put(`/syndication/partners/${partnerAtA.id}/inbound-secret`, { secret: secretOfB })).status).toBe(204);
    expect((await as(b).patch(`/syndication/partners/${partnerAtB.id}`, { endpointUrl: partnerAtA.inboxUrl })).status).toBe(200);
  });

  it('A publishes a story in en and ru: B has one document with both, attributed, canonical to A, licence carried', async () => {
    const created = await as(a).post(`${CM}?locale=en`, {
      title: 'Turin course on union advocacy',
      slug: 'turin-course-union-advocacy',
      lead: 'Participants from ten countries',
      body: 'The course on **advocacy** began in Turin.',
      licence: 'CC-BY-SA-4.0',
      syndication: { allowed: true },
    });
    expect(created.status).toBe(201);
    storyAtA = created.body.data.documentId;
    expect(
      (
        await as(a).put(`${CM}/${storyAtA}?locale=ru`, {
          title: 'Курс в Турине о профсоюзной адвокации',
          slug: 'kurs-v-turine',
          lead: 'Участники из десяти стран',
          body: 'Курс об **адвокации** начался.',
        })
      ).status,
    ).toBe(200);
    expect((await as(a).post(`${CM}/${storyAtA}/actions/publish?locale=en`)).status).toBe(200);
    expect((await as(a).post(`${CM}/${storyAtA}/actions/publish?locale=ru`)).status).toBe(200);

    const entries = await waitFor(
      'both languages at B',
      async () => {
        const found = (await receivedAtB()).filter((entry) => entry.externalId === storyAtA && entry.outcome !== 'rejected');
        const locales = new Set(found.flatMap((entry) => entry.locales));
        return locales.has('en') && locales.has('ru') ? found : undefined;
      },
      30000,
    );
    expect(new Set(entries.map((entry) => entry.storyDocumentId)).size).toBe(1);
    storyAtB = entries[0].storyDocumentId as string;

    const en = await publicAtB('en');
    const ru = await publicAtB('ru');
    expect(en.status).toBe(200);
    expect(ru.status).toBe(200);
    expect(en.body.data).toMatchObject({
      title: 'Turin course on union advocacy',
      canonicalUrl: `${a.url}/en/stories/turin-course-union-advocacy`,
      licence: 'CC-BY-SA-4.0',
    });
    expect(en.body.data.source).toMatchObject({ name: 'Installation A', externalId: storyAtA });
    expect(en.body.data.source.url).toMatch(new RegExp(`^${a.url}/`));
    expect(ru.body.data).toMatchObject({ title: 'Курс в Турине о профсоюзной адвокации', canonicalUrl: `${a.url}/ru/stories/kurs-v-turine` });
    // One document at B with both languages.
    const list = await b.http().get('/api/stories?locale=en&filters[source][externalId][$eq]=' + storyAtA);
    expect(list.body.data).toHaveLength(1);
  });

  it('A updates: B is updated', async () => {
    expect((await as(a).put(`${CM}/${storyAtA}?locale=en`, { title: 'Turin course: day two' })).status).toBe(200);
    expect((await as(a).post(`${CM}/${storyAtA}/actions/publish?locale=en`)).status).toBe(200);
    await waitFor('the update at B', async () => ((await publicAtB('en')).body.data?.title === 'Turin course: day two' ? true : undefined), 30000);
  });

  it("an editor edits B's copy, A updates again: held, not applied; accepted: applied", async () => {
    expect((await as(b).put(`${CM}/${storyAtB}?locale=en`, { title: 'Edited at B' })).status).toBe(200);
    const before = (await receivedAtB()).filter((entry) => entry.externalId === storyAtA).length;
    expect((await as(a).put(`${CM}/${storyAtA}?locale=en`, { title: 'Turin course: day three' })).status).toBe(200);
    expect((await as(a).post(`${CM}/${storyAtA}/actions/publish?locale=en`)).status).toBe(200);
    const [held] = await arrivedAtB(storyAtA, before + 1);
    expect(held).toMatchObject({ outcome: 'pending', acceptable: true });
    expect(held.changes).toContain('en.title');
    // Not applied: B's draft keeps the editor's title, the public copy the last imported one.
    const draft = await as(b).get(`${CM}/${storyAtB}?locale=en`);
    expect(draft.body.data.title).toBe('Edited at B');
    expect((await publicAtB('en')).body.data.title).toBe('Turin course: day two');

    const accepted = await as(b).post(`/syndication/received/${held.id}/acceptance`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.data.outcome).toBe('updated');
    expect((await publicAtB('en')).body.data.title).toBe('Turin course: day three');
  });

  it('A unpublishes: B unpublishes (nothing deleted)', async () => {
    expect((await as(a).post(`${CM}/${storyAtA}/actions/unpublish?locale=en`, { discardDraft: false })).status).toBe(200);
    expect((await as(a).post(`${CM}/${storyAtA}/actions/unpublish?locale=ru`, { discardDraft: false })).status).toBe(200);
    await waitFor(
      'both languages unpublished at B',
      async () => ((await publicAtB('en')).status === 404 && (await publicAtB('ru')).status === 404 ? true : undefined),
      30000,
    );
    const draft = await as(b).get(`${CM}/${storyAtB}?locale=en`);
    expect(draft.status).toBe(200);
    expect(draft.body.data.title).toBe('Turin course: day three');
  });

  it('A killed with SIGKILL mid-push and restarted: B gets the story once', async () => {
    proxy.withhold = true;
    const created = await as(a).post(`${CM}?locale=en`, {
      title: 'Crash-proof story',
      slug: 'crash-proof-story',
      body: 'Sent once.',
      licence: 'CC-BY-4.0',
      syndication: { allowed: true },
    });
    expect(created.status).toBe(201);
    const documentId = created.body.data.documentId as string;
    const sent = proxy.requests.length;
    expect((await as(a).post(`${CM}/${documentId}/actions/publish?locale=en`)).status).toBe(200);
    // B has it (and answered 202), but A does not know: its push is still waiting for the answer.
    await waitFor('B to answer the push', () => proxy.requests.slice(sent).some((request) => request.status === 202), 30000);
    const [first] = await arrivedAtB(documentId, 1);
    expect(first.outcome).toBe('created');
    const webhookId = proxy.requests.slice(sent).find((request) => request.status === 202)?.webhookId;
    a.child?.kill('SIGKILL');
    await a.exited;

    proxy.withhold = false;
    await startProcess(a);
    // A sends the same message again (at least once); B accepts it as already received.
    await waitFor('A to push again after the restart', () => proxy.requests.filter((request) => request.webhookId === webhookId).length >= 2, 60000);
    const deliveries = await waitFor(
      'A to record the delivery as succeeded',
      async () => {
        const res = await as(a).get(`/syndication/partners/${partnerAtA.id}/deliveries?limit=100`);
        const found = (res.body.data as Array<{ webhookId: string; status: string }>).find((delivery) => delivery.webhookId === webhookId);
        return found?.status === 'succeeded' ? found : undefined;
      },
      60000,
    );
    expect(deliveries.status).toBe('succeeded');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const entries = (await receivedAtB()).filter((entry) => entry.externalId === documentId);
    expect(entries).toHaveLength(1);
    const copies = await b.http().get(`/api/stories?locale=en&filters[source][externalId][$eq]=${documentId}`);
    expect(copies.body.data).toHaveLength(1);
  });

  it('nothing looped back to A', async () => {
    const atA = await as(a).get(`/syndication/partners/${partnerAtA.id}/received?limit=100`);
    expect(atA.status).toBe(200);
    expect(atA.body.data).toEqual([]);
    const fromB = await as(b).get(`/syndication/partners/${partnerAtB.id}/deliveries?limit=100`);
    expect(fromB.status).toBe(200);
    expect(fromB.body.data).toEqual([]);
  });
});
