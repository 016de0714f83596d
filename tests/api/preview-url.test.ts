import type { Core } from '@strapi/strapi';
import jwt from 'jsonwebtoken';
import { adminToken } from '../helpers/admin';
import { bootStrapi, http } from '../helpers/strapi';
import previewConfig from '../../plugins/preview/server/src/config';
import { signPreviewToken } from '../../plugins/preview/server/src/utils/token';

/**
 * Strapi's Preview with PREVIEW_URL (plugins/preview): the admin opens the website's page for the
 * version, with a token the website checks with PREVIEW_SECRET and any JWT library (here
 * jsonwebtoken, as a Node site would). (Without PREVIEW_URL: preview.test.ts.)
 */

const SECRET = 'website-preview-secret-0123456789abcdef';
const SITE = 'https://site.example';
const TEMPLATE = `${SITE}/{locale}/{type}/{slug}?status={status}&id={documentId}`;

let strapi: Core.Strapi;
let teardown: () => Promise<void>;
let admin: string;

const first = async (uid: 'api::story.story' | 'api::event.event' | 'api::guide.guide', locale = 'en') =>
  (await strapi.documents(uid).findFirst({ locale, status: 'draft', fields: ['documentId', 'slug'] })) as { documentId: string; slug: string };

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi({ PREVIEW_URL: TEMPLATE, PREVIEW_SECRET: SECRET }));
  admin = await adminToken(strapi);
});
afterAll(async () => teardown());

it('opens the website’s page of each type, with a token the website can check', async () => {
  for (const [uid, type, locale] of [
    ['api::story.story', 'stories', 'ru'],
    ['api::event.event', 'events', 'en'],
    ['api::guide.guide', 'guides', 'en'],
  ] as const) {
    const { documentId, slug } = await first(uid, locale);
    const res = await http(strapi)
      .get(`/content-manager/preview/url/${uid}`)
      .query({ documentId, locale, status: 'draft' })
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    const url = new URL(res.body.data.url as string);
    expect(url.origin).toBe(SITE);
    expect(decodeURIComponent(url.pathname)).toBe(`/${locale}/${type}/${slug}`);
    expect(url.searchParams.get('status')).toBe('draft');
    expect(url.searchParams.get('id')).toBe(documentId);
    const claims = jwt.verify(url.searchParams.get('token') as string, SECRET, { algorithms: ['HS256'], audience: 'union-comms-preview' }) as jwt.JwtPayload;
    expect(claims).toMatchObject({ type, documentId, locale, status: 'draft' });
    expect((claims.exp as number) - (claims.iat as number)).toBe(1800);
    // A site checking with another secret refuses it.
    expect(() => jwt.verify(url.searchParams.get('token') as string, `${SECRET}x`, { algorithms: ['HS256'] })).toThrow(/signature/);
  }
});

it('the website refuses an expired token', () => {
  const expired = signPreviewToken(SECRET, { type: 'stories', documentId: 'x', locale: 'en', status: 'draft' }, 600, Date.now() - 3600_000);
  expect(() => jwt.verify(expired, SECRET, { algorithms: ['HS256'], audience: 'union-comms-preview' })).toThrow(jwt.TokenExpiredError);
});

it('refuses without an admin token', async () => {
  const { documentId } = await first('api::story.story');
  const res = await http(strapi).get('/content-manager/preview/url/api::story.story').query({ documentId, locale: 'en' });
  expect(res.status).toBe(401);
  expect(res.text).not.toContain(SITE);
});

it('lets the admin frame the website (and its own pages), nothing else', async () => {
  const res = await http(strapi).get('/_health');
  const frameSrc = /frame-src ([^;]*)/.exec(String(res.headers['content-security-policy']))?.[1].split(' ');
  expect(frameSrc?.sort()).toEqual(["'self'", SITE].sort());
});

describe('the configuration', () => {
  const contentTypes = { story: 'api::story.story', event: 'api::event.event', guide: 'api::guide.guide' };
  const check = (config: Record<string, unknown>) => () => previewConfig.validator({ url: '', secret: '', tokenTtlSeconds: 1800, contentTypes, ...config });

  it('needs PREVIEW_SECRET with PREVIEW_URL, long enough, and an http(s) template', () => {
    expect(check({})).not.toThrow();
    expect(check({ url: TEMPLATE, secret: SECRET })).not.toThrow();
    expect(check({ url: TEMPLATE })).toThrow(/PREVIEW_SECRET/);
    expect(check({ url: TEMPLATE, secret: 'short' })).toThrow(/at least 32/);
    expect(check({ url: 'javascript:alert(1)//{slug}', secret: SECRET })).toThrow(/PREVIEW_URL/);
    expect(check({ url: '/relative/{slug}', secret: SECRET })).toThrow(/PREVIEW_URL/);
  });
});
