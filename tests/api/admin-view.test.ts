import fs from 'fs';
import path from 'path';
import { createStrapi, type Core } from '@strapi/strapi';
import { ru } from '../../src/admin-view/translations/ru';
import { adminToken } from '../helpers/admin';
import { applyTestEnvironment, http, prepareDatabase, ROOT } from '../helpers/strapi';

/**
 * The Content Manager's view of our types, as the admin panel reads and writes it: human labels
 * and help lines on every field, our list columns and edit layouts, set at boot without ever
 * undoing what an administrator changed in *Configure the view*, and without writing anything
 * when there is nothing to change. The app boots several times on one database.
 */

type LayoutField = { name: string; size: number };
type Configuration = {
  settings: Record<string, unknown>;
  metadatas: Record<string, { edit: Record<string, unknown>; list: Record<string, unknown> }>;
  layouts: { list: string[]; edit: LayoutField[][] };
};

/** The attributes of every type and component, read from the schema files, not from the app. */
const schemaFiles = (): Array<{ uid: string; kind: 'content-types' | 'components'; attributes: string[] }> => {
  const read = (file: string) => Object.keys((JSON.parse(fs.readFileSync(file, 'utf8')) as { attributes: object }).attributes);
  const types = fs.readdirSync(path.join(ROOT, 'src', 'api')).map((name) => ({
    uid: `api::${name}.${name}`,
    kind: 'content-types' as const,
    attributes: read(path.join(ROOT, 'src', 'api', name, 'content-types', name, 'schema.json')),
  }));
  const components = fs.readdirSync(path.join(ROOT, 'src', 'components')).flatMap((category) =>
    fs
      .readdirSync(path.join(ROOT, 'src', 'components', category))
      .filter((file) => file.endsWith('.json'))
      .map((file) => ({
        uid: `${category}.${path.basename(file, '.json')}`,
        kind: 'components' as const,
        attributes: read(path.join(ROOT, 'src', 'components', category, file)),
      })),
  );
  return [...types, ...components];
};

const CORE_STORE = 'strapi_core_store_settings';
/** Rows of the view configuration: the Content Manager's and our record of what we applied. */
const isViewRow = (key: string) => key.startsWith('plugin_content_manager_configuration') || key.startsWith('app_admin_view');

let strapi: Core.Strapi;
let dropDatabase: () => Promise<void>;

/** Boots the app on the database of this file; lists the view rows written while it booted. */
const boot = async (): Promise<string[]> => {
  const app = createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist') });
  await app.register();
  const written: string[] = [];
  const note = (event: { result?: unknown }) => {
    const rows = Array.isArray(event.result) ? event.result : [event.result];
    for (const row of rows as Array<{ key?: string } | undefined>) if (row?.key && isViewRow(row.key)) written.push(row.key);
  };
  app.db.lifecycles.subscribe({ models: ['strapi::core-store'], afterCreate: note, afterUpdate: note, afterDelete: note });
  await app.bootstrap();
  await app.server.mount();
  strapi = app;
  return written;
};

const reboot = async (): Promise<string[]> => {
  await strapi.destroy();
  return boot();
};

/** The stored view rows, straight from the core store's table. */
const viewRows = async (): Promise<Record<string, string>> => {
  const rows = (await strapi.db.connection(CORE_STORE).select('key', 'value')) as Array<{ key: string; value: string }>;
  return Object.fromEntries(rows.filter((row) => isViewRow(row.key)).map((row) => [row.key, row.value]));
};

const configuration = async (kind: 'content-types' | 'components', uid: string): Promise<Configuration> => {
  const token = await adminToken(strapi);
  const res = await http(strapi).get(`/content-manager/${kind}/${uid}/configuration`).set('Authorization', `Bearer ${token}`);
  expect(res.status).toBe(200);
  const data = res.body.data as { contentType?: Configuration; component?: Configuration };
  return (kind === 'content-types' ? data.contentType : data.component) as Configuration;
};

/**
 * Saves a configuration as *Configure the view* does: the whole of it, changed, without the
 * list's copy of a relation's main field that the GET adds (ListConfigurationPage drops it too).
 */
const configure = async (kind: 'content-types' | 'components', uid: string, change: (configuration: Configuration) => void) => {
  const current = await configuration(kind, uid);
  for (const metadata of Object.values(current.metadatas)) delete metadata.list.mainField;
  change(current);
  const token = await adminToken(strapi);
  const res = await http(strapi)
    .put(`/content-manager/${kind}/${uid}/configuration`)
    .set('Authorization', `Bearer ${token}`)
    .send({ settings: current.settings, metadatas: current.metadatas, layouts: current.layouts });
  expect({ status: res.status, body: res.status === 200 ? null : res.body }).toEqual({ status: 200, body: null });
};

const columns = (layout: LayoutField[][]) => layout.map((row) => row.map((field) => `${field.name}:${field.size}`).join(' '));

beforeAll(async () => {
  applyTestEnvironment({ SEED_DEMO_CONTENT: 'false' });
  dropDatabase = await prepareDatabase();
  await boot();
});

afterAll(async () => {
  await strapi.destroy();
  await dropDatabase();
});

describe('labels and help lines', () => {
  it('gives every attribute of every type and component a human label and a one-line description', async () => {
    const schemas = schemaFiles();
    expect(schemas.length).toBeGreaterThanOrEqual(11);
    for (const { uid, kind, attributes } of schemas) {
      const { metadatas } = await configuration(kind, uid);
      const labels = new Set<string>();
      for (const name of attributes) {
        const { label, description } = metadatas[name].edit as { label: string; description: string };
        // Not the attribute name, and written as a person would (Starts, not startsAt).
        const human = label !== name && /^\p{Lu}/u.test(label) && !/\p{Ll}\p{Lu}/u.test(label);
        expect({ uid, name, label, human }).toEqual({ uid, name, label, human: true });
        expect({ uid, name, description: description.trim().length > 10 && !description.includes('\n') }).toEqual({ uid, name, description: true });
        labels.add(label);
      }
      // Two fields of one type called the same would leave an editor guessing which is which.
      expect({ uid, distinct: labels.size }).toEqual({ uid, distinct: attributes.length });
    }
  });

  it('says on contact details that they are never public, and on consent what it decides', async () => {
    const { metadatas } = await configuration('content-types', 'api::participant.participant');
    expect(metadatas.email.edit.description).toMatch(/^.*Never public/);
    expect(metadatas.phone.edit.description).toMatch(/Never public/);
    expect(metadatas.publicConsent.edit.description).toMatch(/Only participants who consented are public/);
    expect(metadatas.fullName.edit.description).toMatch(/only if the person consented/);
  });

  it('labels the list columns too, short where the column is narrow', async () => {
    const { metadatas } = await configuration('content-types', 'api::participant.participant');
    expect(metadatas.fullName.list.label).toBe('Full name');
    expect(metadatas.publicConsent.list.label).toBe('Consent');
    const story = await configuration('content-types', 'api::story.story');
    expect(story.metadatas.updatedAt.list.label).toBe('Last changed');
  });
});

describe('in Russian', () => {
  /** Written the same in Russian: a code and a term of the trade. */
  const SAME_IN_RUSSIAN = new Set(['ISBN', 'Slug']);

  it('has the Russian of every label, list column and help line the admin panel receives, and nothing else', async () => {
    const used = new Set<string>();
    for (const { uid, kind, attributes } of schemaFiles()) {
      const { metadatas, layouts } = await configuration(kind, uid);
      const texts = [
        ...attributes.flatMap((name) => [metadatas[name].edit.label, metadatas[name].edit.description]),
        ...layouts.list.flatMap((name) => [metadatas[name].list.label, metadatas[name].edit.description]),
      ] as string[];
      for (const text of texts) {
        used.add(text);
        const russian = ru[text];
        const written = russian !== undefined && (SAME_IN_RUSSIAN.has(text) || /\p{Script=Cyrillic}/u.test(russian));
        expect({ uid, text, written }).toEqual({ uid, text, written: true });
      }
    }
    expect(Object.keys(ru).filter((text) => !used.has(text))).toEqual([]);
  });

  it('says in Russian too that contact details are never public', async () => {
    const { metadatas } = await configuration('content-types', 'api::participant.participant');
    expect(ru[metadatas.email.edit.description as string]).toMatch(/Никогда не публикуется/);
    expect(ru[metadatas.phone.edit.description as string]).toMatch(/Никогда не публикуется/);
    expect(ru[metadatas.publicConsent.edit.description as string]).toMatch(/Публичны только участники, давшие согласие/);
  });
});

describe('list columns and edit layouts', () => {
  it('shows the designed columns and sort in the lists', async () => {
    const story = await configuration('content-types', 'api::story.story');
    expect(story.layouts.list).toEqual(['title', 'publisher', 'licence', 'updatedAt']);
    expect(story.settings).toMatchObject({ mainField: 'title', defaultSortBy: 'updatedAt', defaultSortOrder: 'DESC', pageSize: 20 });
    const event = await configuration('content-types', 'api::event.event');
    expect(event.layouts.list).toEqual(['title', 'startsAt', 'timeZone', 'eventStatus', 'format']);
    expect(event.settings).toMatchObject({ defaultSortBy: 'startsAt', defaultSortOrder: 'DESC' });
    const participant = await configuration('content-types', 'api::participant.participant');
    expect(participant.layouts.list).toEqual(['fullName', 'organisation', 'country', 'publicConsent']);
  });

  it('lays out the edit views as designed: what belongs together on one row', async () => {
    const event = await configuration('content-types', 'api::event.event');
    expect(columns(event.layouts.edit)).toEqual(
      expect.arrayContaining(['title:8 slug:4', 'startsAt:4 endsAt:4 timeZone:4', 'format:4 eventStatus:4 onlineUrl:4', 'venue:12']),
    );
    const participant = await configuration('content-types', 'api::participant.participant');
    expect(columns(participant.layouts.edit)).toEqual(['fullName:6 publicConsent:6', 'position:6 organisation:6', 'country:4', 'email:6 phone:6']);
    const venue = await configuration('components', 'shared.venue');
    expect(columns(venue.layouts.edit)).toEqual(['name:6 street:6', 'postalCode:4 city:4 country:4']);
  });

  it('places every field of every type and component exactly once, in rows no wider than 12', async () => {
    for (const { uid, kind, attributes } of schemaFiles()) {
      const { layouts } = await configuration(kind, uid);
      const placed = layouts.edit.flat().map((field) => field.name);
      expect({ uid, placed: [...placed].sort() }).toEqual({ uid, placed: [...attributes].sort() });
      for (const row of layouts.edit) expect({ uid, width: row.reduce((sum, field) => sum + field.size, 0) <= 12 }).toEqual({ uid, width: true });
    }
  });
});

describe('booting again', () => {
  it('writes nothing when nothing changed', async () => {
    const first = await viewRows();
    expect(Object.keys(first)).toEqual(expect.arrayContaining(['plugin_content_manager_configuration_content_types::api::story.story']));
    // On the boot after it created them, the Content Manager corrects its own default for the
    // components' id column (not searchable, not sortable: its syncMetadatas), once. That is all.
    const second = await reboot();
    const rows = await viewRows();
    expect(second.every((key) => key.startsWith('plugin_content_manager_configuration_components::'))).toBe(true);
    expect(Object.keys(rows).sort()).toEqual(Object.keys(first).sort());
    for (const key of Object.keys(first)) {
      if (key.startsWith('app_admin_view')) {
        expect({ key, record: rows[key] }).toEqual({ key, record: first[key] });
        continue;
      }
      const [before, after] = [JSON.parse(first[key]), JSON.parse(rows[key])] as Configuration[];
      expect({ key, id: after.metadatas.id?.list }).toEqual({
        key,
        id: key.includes('_components::') ? { label: 'id', searchable: false, sortable: false } : before.metadatas.id?.list,
      });
      after.metadatas.id = before.metadatas.id;
      expect({ key, configuration: after }).toEqual({ key, configuration: before });
    }

    const third = await reboot();
    expect(third).toEqual([]);
    expect(await viewRows()).toEqual(rows);
  });

  it('keeps what an administrator changed in Configure the view, and the rest stays ours', async () => {
    await configure('content-types', 'api::story.story', (story) => {
      story.metadatas.title.edit.label = 'Headline';
      story.metadatas.lead.edit.description = 'Our own help line';
      story.layouts.list = ['title', 'slug'];
      story.settings.pageSize = 50;
    });
    await configure('components', 'shared.venue', (venue) => {
      venue.layouts.edit = [
        [
          { name: 'city', size: 6 },
          { name: 'country', size: 6 },
        ],
        [{ name: 'name', size: 12 }],
        [
          { name: 'street', size: 6 },
          { name: 'postalCode', size: 6 },
        ],
      ];
    });
    const before = await viewRows();

    const written = await reboot();

    const story = await configuration('content-types', 'api::story.story');
    expect(story.metadatas.title.edit.label).toBe('Headline');
    expect(story.metadatas.lead.edit.description).toBe('Our own help line');
    expect(story.layouts.list).toEqual(['title', 'slug']);
    expect(story.settings.pageSize).toBe(50);
    // The rest is still ours.
    expect(story.metadatas.title.edit.description).toMatch(/^Headline, up to 300 characters/);
    expect(story.metadatas.lead.edit.label).toBe('Lead');
    expect(story.settings.defaultSortBy).toBe('updatedAt');
    expect(columns(story.layouts.edit)[0]).toBe('title:8 slug:4');
    const venue = await configuration('components', 'shared.venue');
    expect(columns(venue.layouts.edit)).toEqual(['city:6 country:6', 'name:12', 'street:6 postalCode:6']);
    expect(venue.metadatas.city.edit.label).toBe('City');
    // Nothing was written for the administrator's changes either.
    expect(written).toEqual([]);
    expect(await viewRows()).toEqual(before);
  });

  it('replaces what it applied before with a new design, but not an administrator’s change', async () => {
    // As an older release would have left it: our former label, recorded as applied by us.
    await configure('content-types', 'api::topic.topic', (topic) => {
      topic.metadatas.name.edit.label = 'Topic name';
      topic.metadatas.slug.edit.label = 'Topic slug';
    });
    const store = strapi.store({ type: 'app', name: 'admin_view' });
    const record = (await store.get({ key: 'applied_api::topic.topic' })) as Record<string, unknown>;
    expect(record['metadatas.name.edit.label']).toBe('Name');
    await store.set({ key: 'applied_api::topic.topic', value: { ...record, 'metadatas.name.edit.label': 'Topic name' } });

    await reboot();

    const topic = await configuration('content-types', 'api::topic.topic');
    expect(topic.metadatas.name.edit.label).toBe('Name');
    expect(topic.metadatas.slug.edit.label).toBe('Topic slug');
  });

  it('on a database from before it, sets only what still holds Strapi’s defaults', async () => {
    // Configured by hand before this release: one label changed, one still Strapi's default.
    await configure('content-types', 'api::organisation.organisation', (organisation) => {
      organisation.metadatas.acronym.edit.label = 'Short name';
      organisation.metadatas.website.edit.label = 'website';
      organisation.metadatas.website.edit.description = '';
    });
    await strapi.db.connection(CORE_STORE).where({ key: 'app_admin_view_applied_api::organisation.organisation' }).delete();

    await reboot();

    const organisation = await configuration('content-types', 'api::organisation.organisation');
    expect(organisation.metadatas.acronym.edit.label).toBe('Short name');
    expect(organisation.metadatas.website.edit.label).toBe('Website');
    expect(organisation.metadatas.website.edit.description).toMatch(/https:\/\//);
    // Everything else was still as this release set it, not Strapi's default: it stays as it is.
    expect(organisation.metadatas.name.edit.label).toBe('Name');
  });
});
