import type { Core, UID } from '@strapi/strapi';

/** The host app's content types the plugin reads, by config key (`syndication.config.contentTypes`). */
export const CONTENT_TYPE_KEYS = ['story', 'organisation', 'topic'] as const;
export type ContentTypeKey = (typeof CONTENT_TYPE_KEYS)[number];
export type ContentTypesConfig = Record<ContentTypeKey, string>;

/** What the plugin reads of a type or component: its attributes, and those of its components. */
interface Requirement {
  attributes: readonly string[];
  /** Component attributes: the attributes the plugin reads of that component. */
  components?: Readonly<Record<string, readonly string[]>>;
  /** Relations whose target must be another configured type (the plugin filters and reads them as that type). */
  relations?: Readonly<Record<string, ContentTypeKey>>;
}

/**
 * Every attribute the plugin reads, once (services/items: fields, filters and populate of the
 * feeds and push payloads; services/partners: topic slugs, organisation ids). Strapi's own
 * fields (documentId, locale, publishedAt, updatedAt) are not listed. README, "Configuration".
 */
export const REQUIRED_ATTRIBUTES: Readonly<Record<ContentTypeKey, Requirement>> = {
  story: {
    attributes: ['title', 'slug', 'lead', 'body', 'canonicalUrl', 'licence', 'cover', 'publisher', 'topics', 'syndication', 'source'],
    components: {
      syndication: ['allowed', 'embargoUntil'],
      source: ['name', 'url', 'externalId', 'receivedAt', 'organisation'],
    },
    relations: { publisher: 'organisation', topics: 'topic' },
  },
  organisation: { attributes: ['name', 'slug', 'website'] },
  topic: { attributes: ['name', 'slug'] },
};

interface AttributeSchema {
  type?: string;
  component?: string;
  target?: string;
}
type Attributes = Record<string, AttributeSchema>;

/** Attributes of a registered type or component, or undefined when the uid names none. */
const attributesOf = (strapi: Core.Strapi, kind: 'contentType' | 'component', uid: string): Attributes | undefined => {
  // Both answer undefined for an unknown uid (their types do not say so).
  const schema: { attributes: unknown } | undefined =
    kind === 'contentType' ? strapi.contentType(uid as UID.ContentType) : strapi.getModel(uid as UID.Component);
  // Only the keys and the `type`, `component` and `target` of an attribute are read.
  return schema ? (schema.attributes as Attributes) : undefined;
};

const missingOf = (attributes: Attributes, required: readonly string[]): string[] => required.filter((name) => !(name in attributes));

/** Problems of one configured type, each naming the config key, the uid and what is missing. */
const problemsOf = (strapi: Core.Strapi, contentTypes: ContentTypesConfig, key: ContentTypeKey): string[] => {
  const uid = contentTypes[key];
  const prefix = `contentTypes.${key} ("${uid}")`;
  const attributes = attributesOf(strapi, 'contentType', uid);
  if (!attributes) return [`${prefix} is not a content type of this app`];
  const requirement = REQUIRED_ATTRIBUTES[key];
  const problems: string[] = [];
  const missing = missingOf(attributes, requirement.attributes);
  if (missing.length > 0) problems.push(`${prefix} lacks the attribute(s) ${missing.join(', ')}`);
  for (const [name, componentAttributes] of Object.entries(requirement.components ?? {})) {
    const attribute = attributes[name];
    if (!attribute) continue;
    const component = attribute.type === 'component' && attribute.component ? attributesOf(strapi, 'component', attribute.component) : undefined;
    if (!component) {
      problems.push(`${prefix}: ${name} must be a component`);
      continue;
    }
    const missingInComponent = missingOf(component, componentAttributes);
    if (missingInComponent.length > 0)
      problems.push(`${prefix}: component ${name} (${attribute.component}) lacks the attribute(s) ${missingInComponent.join(', ')}`);
  }
  for (const [name, targetKey] of Object.entries(requirement.relations ?? {})) {
    const attribute = attributes[name];
    if (attribute && attribute.target !== contentTypes[targetKey]) {
      problems.push(`${prefix}: ${name} must be a relation to contentTypes.${targetKey} ("${contentTypes[targetKey]}")`);
    }
  }
  return problems;
};

/**
 * Stops the boot unless every configured type exists with what the plugin reads. Runs at the
 * start of bootstrap: every register lifecycle (the app's too) has added its types by then, and
 * nothing has read them yet.
 */
export const assertContentTypes = (strapi: Core.Strapi, contentTypes: ContentTypesConfig): void => {
  const problems = CONTENT_TYPE_KEYS.flatMap((key) => problemsOf(strapi, contentTypes, key));
  // The partner's own schema (content-types/partner) relates to the organisation type.
  const partnerOrganisation = attributesOf(strapi, 'contentType', 'plugin::syndication.partner')?.organisation;
  if (partnerOrganisation && partnerOrganisation.target !== contentTypes.organisation) {
    problems.push(
      `contentTypes.organisation ("${contentTypes.organisation}") must be "${partnerOrganisation.target}", the target of plugin::syndication.partner's organisation`,
    );
  }
  if (problems.length > 0) throw new Error(`syndication: ${problems.join('; ')} (config/plugins.ts, syndication.config.contentTypes)`);
};
