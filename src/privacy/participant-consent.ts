import type { Core, Schema, UID } from '@strapi/strapi';
import { PARTICIPANT } from '../domain/uids';

type Entity = Record<string, unknown> & { id?: number | string };
type AnySchema = Schema.ContentType | Schema.Component;

const isEntity = (value: unknown): value is Entity => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The ids (as strings) among `ids` of participants whose public consent is on record. */
export const consentingParticipantIds = async (strapi: Core.Strapi, ids: unknown[]): Promise<Set<string>> => {
  const wanted = [...new Set(ids.filter((id) => typeof id === 'number' || typeof id === 'string'))];
  if (wanted.length === 0) return new Set();
  const rows = await strapi.db.query(PARTICIPANT).findMany({ select: ['id'], where: { id: { $in: wanted }, publicConsent: true } });
  return new Set(rows.map((row: { id: number | string }) => String(row.id)));
};

/**
 * Participants are personal data: a participant's name reaches the public only when the
 * participant consented. Strapi's `private` flag already keeps email and phone out of every
 * response; this sanitizer removes, from any content-API output (REST and GraphQL, at any
 * populate depth), every participant whose consent is not on record. It asks the database
 * rather than trusting the response, because a client choosing `fields` could leave the
 * consent flag out of what it receives.
 */
export const createParticipantConsentSanitizer = (strapi: Core.Strapi) => {
  const getModel = (uid: string): AnySchema | undefined => strapi.getModel(uid as UID.Schema) as AnySchema | undefined;

  /** Collects participant objects found under `data`, read as `schema`. */
  const collect = (data: unknown, schema: AnySchema | undefined, found: Entity[]): void => {
    if (!schema || data === null || data === undefined) return;
    if (Array.isArray(data)) {
      data.forEach((item) => collect(item, schema, found));
      return;
    }
    if (!isEntity(data)) return;
    if (schema.uid === PARTICIPANT) found.push(data);
    for (const [key, attribute] of Object.entries(schema.attributes)) {
      const value = data[key];
      if (value === undefined || value === null) continue;
      if (attribute.type === 'relation' && 'target' in attribute && attribute.target) {
        collect(value, getModel(attribute.target as string), found);
      } else if (attribute.type === 'component') {
        collect(value, getModel(attribute.component), found);
      } else if (attribute.type === 'dynamiczone' && Array.isArray(value)) {
        value.forEach((item) => isEntity(item) && typeof item.__component === 'string' && collect(item, getModel(item.__component), found));
      }
    }
  };

  /** Copies `data`, replacing the participants in `hidden` with null (or dropping them from lists). */
  const redact = (data: unknown, hidden: Set<Entity>): unknown => {
    if (Array.isArray(data)) {
      return data.filter((item) => !(isEntity(item) && hidden.has(item))).map((item) => redact(item, hidden));
    }
    if (!isEntity(data)) return data;
    if (hidden.has(data)) return null;
    const copy: Entity = {};
    for (const [key, value] of Object.entries(data)) copy[key] = typeof value === 'object' && value !== null ? redact(value, hidden) : value;
    return copy;
  };

  return (schema: { uid: string }) => async (data: unknown) => {
    const found: Entity[] = [];
    collect(data, getModel(schema.uid), found);
    if (found.length === 0) return data;

    const allowed = await consentingParticipantIds(strapi, found.map((participant) => participant.id));
    const hidden = new Set(found.filter((participant) => participant.id === undefined || !allowed.has(String(participant.id))));
    if (hidden.size === 0) return data;
    return redact(data, hidden);
  };
};

type Sanitizer = Parameters<Core.Strapi['sanitizers']['add']>[1];

export const registerParticipantPrivacy = (strapi: Core.Strapi): void => {
  // Strapi types a sanitizer as a curried lodash function; ours is a plain (schema) => (data) => data.
  strapi.sanitizers.add('content-api.output', createParticipantConsentSanitizer(strapi) as unknown as Sanitizer);
};
