import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { randomBytes } from 'crypto';
import { locales, publicBaseUrl, restPrefix, toIso, validationError, type Problem } from '@union-comms/kit';
import { PARTNER } from '../content-types';
import { generateSecret } from '../utils/signing';
import { contentTypeUid } from '../utils/plugin-config';
import { inboundOf, type InboundInput, type InboundSettings } from '../validation/inbound';
import type { PartnerCreateInput, PartnerUpdateInput } from '../validation/partner';

export type PartnerStatus = 'active' | 'paused' | 'disabled';

/** A partner row as stored (the secret is only read by `secretOf`). */
export interface PartnerRow {
  id: number;
  documentId: string;
  name: string;
  endpointUrl: string | null;
  secret?: string;
  inbound: unknown;
  inboxId: string | null;
  inboundSecret?: string | null;
  forwardReceived: boolean | null;
  locales: string[] | null;
  topics: string[] | null;
  status: PartnerStatus;
  disabledReason: string | null;
  disabledAt: string | Date | null;
  createdAt: string | Date;
  updatedAt: string | Date;
  organisation?: { documentId: string; name: string; slug: string } | null;
}

/** What the admin API shows of a partner: everything but the secret. */
export interface PartnerView {
  id: number;
  name: string;
  endpointUrl: string | null;
  organisation: { documentId: string; name: string; slug: string } | null;
  locales: string[];
  topics: string[];
  status: PartnerStatus;
  disabledReason: string | null;
  disabledAt: string | null;
  inbound: InboundSettings;
  /** Where this partner pushes its stories to us (read-only; its id is random, not the database id). */
  inboxUrl: string;
  /** Whether the partner's inbound secret is set (the secret itself is never shown). */
  inboundSecretSet: boolean;
  forwardReceived: boolean;
  createdAt: string;
  updatedAt: string;
}

const SELECT = [
  'id',
  'documentId',
  'name',
  'endpointUrl',
  'locales',
  'topics',
  'status',
  'disabledReason',
  'disabledAt',
  'inbound',
  'inboxId',
  'forwardReceived',
  'createdAt',
  'updatedAt',
];

/** A new inbox id: 32 characters of randomness, unrelated to the row id, so inboxes cannot be guessed or enumerated. */
export const newInboxId = (): string => randomBytes(24).toString('base64url');
const POPULATE = { organisation: { select: ['documentId', 'name', 'slug'] } };

/** Built field by field, so that nothing stored (the secrets above all) leaves by accident. */
export const toPartnerView = (row: PartnerRow, inboxBase: string, inboundSecretSet: boolean): PartnerView => ({
  id: row.id,
  name: row.name,
  endpointUrl: row.endpointUrl ?? null,
  organisation: row.organisation ? { documentId: row.organisation.documentId, name: row.organisation.name, slug: row.organisation.slug } : null,
  locales: Array.isArray(row.locales) ? row.locales : [],
  topics: Array.isArray(row.topics) ? row.topics : [],
  status: row.status,
  disabledReason: row.disabledReason ?? null,
  disabledAt: toIso(row.disabledAt),
  inbound: inboundOf(row.inbound),
  inboxUrl: `${inboxBase}/${row.inboxId ?? ''}`,
  inboundSecretSet,
  forwardReceived: row.forwardReceived === true,
  createdAt: toIso(row.createdAt),
  updatedAt: toIso(row.updatedAt),
});

/** What the importer knows of a partner (services/inbound). */
export interface ImportPartner {
  id: number;
  name: string;
  status: PartnerStatus;
  inbound: InboundSettings;
  organisation: { id: number; documentId: string; name: string } | null;
}

interface Encryption {
  encrypt(value: string): string | null;
  decrypt(value: string): string | null;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const encryption = (): Encryption => strapi.service('admin::encryption') as Encryption;

  /** Secrets are stored encrypted with the admin ENCRYPTION_KEY; without a key, as they are (with a warning). */
  const sealSecret = (secret: string): string => {
    const sealed = encryption().encrypt(secret);
    if (sealed === null) {
      strapi.log.warn('syndication: ENCRYPTION_KEY is not set; partner secrets are stored unencrypted');
      return secret;
    }
    return sealed;
  };

  const openSecret = (stored: string): string => {
    if (stored.startsWith('whsec_')) return stored;
    const secret = encryption().decrypt(stored);
    if (secret === null) throw new Error('partner secret cannot be decrypted (was ENCRYPTION_KEY changed?)');
    return secret;
  };

  const inboxBase = (): string => `${publicBaseUrl(strapi)}${restPrefix(strapi)}/syndication/inbox`;

  const view = (row: PartnerRow, inboundSecretSet: boolean): PartnerView => toPartnerView(row, inboxBase(), inboundSecretSet);

  /** Which of these partners have an inbound secret (read without the secret itself leaving the service). */
  const withInboundSecret = async (ids: number[]): Promise<Set<number>> => {
    if (ids.length === 0) return new Set();
    const rows = (await strapi.db.query(PARTNER).findMany({ where: { id: { $in: ids }, inboundSecret: { $notNull: true } }, select: ['id'] })) as Array<{
      id: number;
    }>;
    return new Set(rows.map((row) => row.id));
  };

  const unknownTopics = async (slugs: string[]): Promise<string[]> => {
    if (slugs.length === 0) return [];
    const found = (await strapi.db.query(contentTypeUid(strapi, 'topic')).findMany({ where: { slug: { $in: slugs } }, select: ['slug'] })) as Array<{
      slug: string;
    }>;
    const known = new Set(found.map((topic) => topic.slug));
    return slugs.filter((slug) => !known.has(slug));
  };

  const checkReferences = async (input: { locales?: string[]; topics?: string[]; organisation?: string | null; inbound?: InboundInput }): Promise<void> => {
    const problems: Problem[] = [];
    const known = await locales(strapi).codes();
    (input.locales ?? []).filter((code) => !known.has(code)).forEach((code) => problems.push({ path: ['locales'], message: `Unknown locale "${code}"` }));
    (input.inbound?.locales ?? [])
      .filter((code) => !known.has(code))
      .forEach((code) => problems.push({ path: ['inbound', 'locales'], message: `Unknown locale "${code}"` }));
    (await unknownTopics(input.topics ?? [])).forEach((slug) => problems.push({ path: ['topics'], message: `Unknown topic "${slug}"` }));
    for (const slug of await unknownTopics([...new Set(Object.values(input.inbound?.topicMap ?? {}))])) {
      problems.push({ path: ['inbound', 'topicMap'], message: `Unknown topic "${slug}"` });
    }
    if (input.organisation) {
      const organisation = await strapi.db.query(contentTypeUid(strapi, 'organisation')).findOne({ where: { documentId: input.organisation }, select: ['id'] });
      if (!organisation) problems.push({ path: ['organisation'], message: `Unknown organisation "${input.organisation}"` });
    }
    if (problems.length > 0) throw validationError(problems);
  };

  /** The organisation relation as the query engine takes it: the ids of every locale row of the document. */
  const organisationIds = async (documentId: string | null | undefined): Promise<number[] | undefined> => {
    if (documentId === undefined) return undefined;
    if (documentId === null) return [];
    const rows = (await strapi.db
      .query(contentTypeUid(strapi, 'organisation'))
      .findMany({ where: { documentId }, select: ['id'], orderBy: { id: 'asc' } })) as Array<{ id: number }>;
    return rows.slice(0, 1).map((row) => row.id);
  };

  const findRow = async (id: number): Promise<PartnerRow> => {
    const row = (await strapi.db.query(PARTNER).findOne({ where: { id }, select: SELECT, populate: POPULATE })) as PartnerRow | null;
    if (!row) throw new errors.NotFoundError('Partner not found');
    return row;
  };

  return {
    async list(): Promise<PartnerView[]> {
      const rows = (await strapi.db.query(PARTNER).findMany({ select: SELECT, populate: POPULATE, orderBy: [{ name: 'asc' }, { id: 'asc' }] })) as PartnerRow[];
      const secrets = await withInboundSecret(rows.map((row) => row.id));
      return rows.map((row) => view(row, secrets.has(row.id)));
    },

    async findOne(id: number): Promise<PartnerView> {
      return view(await findRow(id), (await withInboundSecret([id])).has(id));
    },

    /** Creates a partner with a fresh secret; the secret is returned this once. */
    async create(input: PartnerCreateInput): Promise<{ partner: PartnerView; secret: string }> {
      await checkReferences(input);
      const secret = generateSecret();
      const organisation = await organisationIds(input.organisation ?? null);
      const created = (await strapi.db.query(PARTNER).create({
        data: {
          name: input.name,
          endpointUrl: input.endpointUrl ?? null,
          secret: sealSecret(secret),
          locales: input.locales ?? [],
          topics: input.topics ?? [],
          status: input.status ?? 'active',
          inbound: inboundOf(input.inbound ?? {}),
          inboxId: newInboxId(),
          forwardReceived: input.forwardReceived ?? false,
          ...(organisation && organisation.length > 0 && { organisation: organisation[0] }),
        },
        select: ['id'],
      })) as { id: number };
      return { partner: view(await findRow(created.id), false), secret };
    },

    async update(id: number, input: PartnerUpdateInput): Promise<PartnerView> {
      const existing = await findRow(id);
      await checkReferences(input);
      const organisation = await organisationIds(input.organisation);
      const reenabled = input.status !== undefined && existing.status === 'disabled';
      await strapi.db.query(PARTNER).update({
        where: { id },
        data: {
          ...(input.name !== undefined && { name: input.name }),
          ...(input.endpointUrl !== undefined && { endpointUrl: input.endpointUrl }),
          ...(input.locales !== undefined && { locales: input.locales }),
          ...(input.topics !== undefined && { topics: input.topics }),
          ...(input.status !== undefined && { status: input.status }),
          // Inbound settings are merged: a PATCH names only what changes.
          ...(input.inbound !== undefined && { inbound: { ...inboundOf(existing.inbound), ...input.inbound } }),
          ...(input.forwardReceived !== undefined && { forwardReceived: input.forwardReceived }),
          ...(reenabled && { disabledReason: null, disabledAt: null }),
          ...(organisation !== undefined && { organisation: organisation.length > 0 ? organisation[0] : null }),
        },
      });
      const updated = view(await findRow(id), (await withInboundSecret([id])).has(id));
      // Resumed or re-enabled: what waited goes out now.
      if (updated.status === 'active') strapi.plugin('syndication').service('dispatcher').wake();
      return updated;
    },

    /** Replaces the secret (rotation); the new one is returned this once. */
    async rotateSecret(id: number): Promise<{ partner: PartnerView; secret: string }> {
      await findRow(id);
      const secret = generateSecret();
      await strapi.db.query(PARTNER).update({ where: { id }, data: { secret: sealSecret(secret) } });
      return { partner: view(await findRow(id), (await withInboundSecret([id])).has(id)), secret };
    },

    /** Stores the secret the partner signs its pushes to our inbox with (encrypted; never shown again). */
    async setInboundSecret(id: number, secret: string): Promise<void> {
      await findRow(id);
      await strapi.db.query(PARTNER).update({ where: { id }, data: { inboundSecret: sealSecret(secret) } });
    },

    /** The partner an inbox belongs to, with what the inbox needs (null: no such inbox). */
    async forInbox(inboxId: string): Promise<{ id: number; status: PartnerStatus; inbound: InboundSettings; secret: string | null } | null> {
      const row = (await strapi.db.query(PARTNER).findOne({ where: { inboxId }, select: ['id', 'status', 'inbound', 'inboundSecret'] })) as {
        id: number;
        status: PartnerStatus;
        inbound: unknown;
        inboundSecret: string | null;
      } | null;
      if (!row) return null;
      return { id: row.id, status: row.status, inbound: inboundOf(row.inbound), secret: row.inboundSecret ? openSecret(row.inboundSecret) : null };
    },

    /** What the importer needs of a partner: its inbound settings and whom its stories are attributed to. */
    async forImport(id: number): Promise<ImportPartner | null> {
      const row = (await strapi.db.query(PARTNER).findOne({
        where: { id },
        select: ['id', 'name', 'status', 'inbound'],
        populate: { organisation: { select: ['id', 'documentId', 'name'] } },
      })) as {
        id: number;
        name: string;
        status: PartnerStatus;
        inbound: unknown;
        organisation: { id: number; documentId: string; name: string } | null;
      } | null;
      if (!row) return null;
      return { id: row.id, name: row.name, status: row.status, inbound: inboundOf(row.inbound), organisation: row.organisation ?? null };
    },

    /** Gives partners from before inboxes existed an inbox id. */
    async ensureInboxIds(): Promise<void> {
      const rows = (await strapi.db.query(PARTNER).findMany({ where: { inboxId: { $null: true } }, select: ['id'] })) as Array<{ id: number }>;
      for (const row of rows) await strapi.db.query(PARTNER).update({ where: { id: row.id }, data: { inboxId: newInboxId() } });
    },

    /** The partner's status, endpoint and signing secret, for the dispatcher (no endpoint: nothing to send). */
    async forDelivery(id: number): Promise<{ status: PartnerStatus; endpointUrl: string | null; secret: string } | null> {
      const row = (await strapi.db.query(PARTNER).findOne({ where: { id }, select: ['status', 'endpointUrl', 'secret'] })) as {
        status: PartnerStatus;
        endpointUrl: string | null;
        secret: string;
      } | null;
      return row ? { status: row.status, endpointUrl: row.endpointUrl ?? null, secret: openSecret(row.secret) } : null;
    },

    /** A partner whose endpoint answered 410 Gone: no more deliveries until an editor re-enables it. */
    async disable(id: number, reason: string): Promise<void> {
      await strapi.db.query(PARTNER).update({ where: { id }, data: { status: 'disabled', disabledReason: reason.slice(0, 1000), disabledAt: new Date() } });
    },

    /** Partners that receive story events (paused ones too: their deliveries wait for them). */
    async receiving(): Promise<Array<{ id: number; locales: string[]; topics: string[] }>> {
      const rows = (await strapi.db.query(PARTNER).findMany({
        where: { status: { $in: ['active', 'paused'] }, endpointUrl: { $notNull: true } },
        select: ['id', 'locales', 'topics'],
      })) as Array<{ id: number; locales: string[] | null; topics: string[] | null }>;
      return rows.map((row) => ({ id: row.id, locales: Array.isArray(row.locales) ? row.locales : [], topics: Array.isArray(row.topics) ? row.topics : [] }));
    },
  };
};
