import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { locales, toIso, validationError, type Problem } from '@union-comms/kit';
import { PARTNER } from '../content-types';
import { generateSecret } from '../utils/signing';
import { contentTypeUid } from '../utils/plugin-config';
import type { PartnerCreateInput, PartnerUpdateInput } from '../validation/partner';

export type PartnerStatus = 'active' | 'paused' | 'disabled';

/** A partner row as stored (the secret is only read by `secretOf`). */
export interface PartnerRow {
  id: number;
  documentId: string;
  name: string;
  endpointUrl: string;
  secret?: string;
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
  endpointUrl: string;
  organisation: { documentId: string; name: string; slug: string } | null;
  locales: string[];
  topics: string[];
  status: PartnerStatus;
  disabledReason: string | null;
  disabledAt: string | null;
  createdAt: string;
  updatedAt: string;
}

const SELECT = ['id', 'documentId', 'name', 'endpointUrl', 'locales', 'topics', 'status', 'disabledReason', 'disabledAt', 'createdAt', 'updatedAt'];
const POPULATE = { organisation: { select: ['documentId', 'name', 'slug'] } };

/** Built field by field, so that nothing stored (the secret above all) leaves by accident. */
export const toPartnerView = (row: PartnerRow): PartnerView => ({
  id: row.id,
  name: row.name,
  endpointUrl: row.endpointUrl,
  organisation: row.organisation ? { documentId: row.organisation.documentId, name: row.organisation.name, slug: row.organisation.slug } : null,
  locales: Array.isArray(row.locales) ? row.locales : [],
  topics: Array.isArray(row.topics) ? row.topics : [],
  status: row.status,
  disabledReason: row.disabledReason ?? null,
  disabledAt: toIso(row.disabledAt),
  createdAt: toIso(row.createdAt),
  updatedAt: toIso(row.updatedAt),
});

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

  const checkReferences = async (input: { locales?: string[]; topics?: string[]; organisation?: string | null }): Promise<void> => {
    const problems: Problem[] = [];
    if (input.locales && input.locales.length > 0) {
      const known = await locales(strapi).codes();
      input.locales.filter((code) => !known.has(code)).forEach((code) => problems.push({ path: ['locales'], message: `Unknown locale "${code}"` }));
    }
    if (input.topics && input.topics.length > 0) {
      const found = (await strapi.db.query(contentTypeUid(strapi, 'topic')).findMany({ where: { slug: { $in: input.topics } }, select: ['slug'] })) as Array<{
        slug: string;
      }>;
      const slugs = new Set(found.map((topic) => topic.slug));
      input.topics.filter((slug) => !slugs.has(slug)).forEach((slug) => problems.push({ path: ['topics'], message: `Unknown topic "${slug}"` }));
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
      return rows.map(toPartnerView);
    },

    async findOne(id: number): Promise<PartnerView> {
      return toPartnerView(await findRow(id));
    },

    /** Creates a partner with a fresh secret; the secret is returned this once. */
    async create(input: PartnerCreateInput): Promise<{ partner: PartnerView; secret: string }> {
      await checkReferences(input);
      const secret = generateSecret();
      const organisation = await organisationIds(input.organisation ?? null);
      const created = (await strapi.db.query(PARTNER).create({
        data: {
          name: input.name,
          endpointUrl: input.endpointUrl,
          secret: sealSecret(secret),
          locales: input.locales ?? [],
          topics: input.topics ?? [],
          status: input.status ?? 'active',
          ...(organisation && organisation.length > 0 && { organisation: organisation[0] }),
        },
        select: ['id'],
      })) as { id: number };
      return { partner: toPartnerView(await findRow(created.id)), secret };
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
          ...(reenabled && { disabledReason: null, disabledAt: null }),
          ...(organisation !== undefined && { organisation: organisation.length > 0 ? organisation[0] : null }),
        },
      });
      const updated = toPartnerView(await findRow(id));
      // Resumed or re-enabled: what waited goes out now.
      if (updated.status === 'active') strapi.plugin('syndication').service('dispatcher').wake();
      return updated;
    },

    /** Replaces the secret (rotation); the new one is returned this once. */
    async rotateSecret(id: number): Promise<{ partner: PartnerView; secret: string }> {
      await findRow(id);
      const secret = generateSecret();
      await strapi.db.query(PARTNER).update({ where: { id }, data: { secret: sealSecret(secret) } });
      return { partner: toPartnerView(await findRow(id)), secret };
    },

    /** The partner's status, endpoint and signing secret, for the dispatcher. */
    async forDelivery(id: number): Promise<{ status: PartnerStatus; endpointUrl: string; secret: string } | null> {
      const row = (await strapi.db.query(PARTNER).findOne({ where: { id }, select: ['status', 'endpointUrl', 'secret'] })) as {
        status: PartnerStatus;
        endpointUrl: string;
        secret: string;
      } | null;
      return row ? { status: row.status, endpointUrl: row.endpointUrl, secret: openSecret(row.secret) } : null;
    },

    /** A partner whose endpoint answered 410 Gone: no more deliveries until an editor re-enables it. */
    async disable(id: number, reason: string): Promise<void> {
      await strapi.db.query(PARTNER).update({ where: { id }, data: { status: 'disabled', disabledReason: reason.slice(0, 1000), disabledAt: new Date() } });
    },

    /** Partners that receive story events (paused ones too: their deliveries wait for them). */
    async receiving(): Promise<Array<{ id: number; locales: string[]; topics: string[] }>> {
      const rows = (await strapi.db.query(PARTNER).findMany({
        where: { status: { $in: ['active', 'paused'] } },
        select: ['id', 'locales', 'topics'],
      })) as Array<{ id: number; locales: string[] | null; topics: string[] | null }>;
      return rows.map((row) => ({ id: row.id, locales: Array.isArray(row.locales) ? row.locales : [], topics: Array.isArray(row.topics) ? row.topics : [] }));
    },
  };
};
