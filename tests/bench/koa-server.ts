/**
 * The physical limit: a bare Koa server (no middleware) answering every request with a
 * JSON body of the size of a story list page, and, for any app answer, the same number of bytes
 * with the same Content-Encoding (`/bytes?size=N&encoding=gzip`), an app answer's own bytes
 * (`/copy?name=<sha1>`: the limit of that answer), or a 304 (`/not-modified`).
 * Bench-only; run by the runner in its own process.
 */
import fs from 'fs';
import path from 'path';
import Koa from 'koa';
import { rng } from './data/text';

const bytes = Number(process.argv[2] ?? 50_000);
const item = { id: 1, documentId: 'x'.repeat(24), title: 'Lorem ipsum dolor sit amet', lead: 'Lorem ipsum '.repeat(8) };
const items: unknown[] = [];
let body = '';
// Grow a realistic-looking array until it reaches the target size, then pad the last field.
while (JSON.stringify({ data: items, meta: {} }).length < bytes) items.push({ ...item, id: items.length + 1 });
items.pop();
body = JSON.stringify({ data: items, meta: { pad: '' } });
body = JSON.stringify({ data: items, meta: { pad: 'x'.repeat(Math.max(0, bytes - body.length)) } });
const payload = JSON.parse(body) as unknown;
const bytesOnly = Buffer.from(body, 'utf8');

const MAX_SIZE = 64 * 1024 * 1024;
const ENCODINGS = new Set(['identity', 'gzip', 'br', 'deflate']);

/**
 * N bytes as the app would send them: JSON text (the page above, repeated) for an identity
 * answer; for a compressed one, bytes as random as compressed output is. The client never
 * decodes the encoding, but autocannon turns every body into a string, which costs far more for
 * binary than for text (see README): the limit of a gzip answer is a binary body.
 */
const sized = new Map<string, Buffer>();
const ofSize = (size: number, encoding: string): Buffer => {
  const key = `${encoding}:${size}`;
  let buffer = sized.get(key);
  if (!buffer) {
    buffer = Buffer.alloc(size);
    if (encoding === 'identity') {
      for (let offset = 0; offset < size; offset += bytesOnly.length) bytesOnly.copy(buffer, offset, 0, Math.min(bytesOnly.length, size - offset));
    } else {
      const random = rng(size);
      for (let offset = 0; offset < size; offset += 1) buffer[offset] = Math.floor(random() * 256);
    }
    sized.set(key, buffer);
  }
  return buffer;
};

// `/copy?name=<sha1>`: an answer of the app byte for byte, kept by the runner in this folder.
const copiesDir = process.argv[3];
const copies = new Map<string, Buffer>();
const copyOf = (name: string): Buffer | undefined => {
  if (!copiesDir || !/^[0-9a-f]{40}$/.test(name)) return undefined;
  let copy = copies.get(name);
  if (!copy) {
    const file = path.join(copiesDir, `${name}.bin`);
    if (!fs.existsSync(file)) return undefined;
    copy = fs.readFileSync(file);
    copies.set(name, copy);
  }
  return copy;
};

const app = new Koa();
app.use((ctx) => {
  if (ctx.path === '/not-modified') {
    // What a conditional GET costs at the least: a 304 with its validator, no body.
    ctx.status = 304;
    ctx.set('ETag', '"bench-limit"');
    return;
  }
  if (ctx.path === '/no-content') {
    ctx.status = 204;
    return;
  }
  if (ctx.path === '/copy') {
    const copy = typeof ctx.query.name === 'string' ? copyOf(ctx.query.name) : undefined;
    const encoding = typeof ctx.query.encoding === 'string' ? ctx.query.encoding : 'identity';
    if (copy && ENCODINGS.has(encoding)) {
      ctx.type = 'application/octet-stream';
      if (encoding !== 'identity') ctx.set('Content-Encoding', encoding);
      ctx.body = copy;
      return;
    }
    ctx.status = 404;
    return;
  }
  const size = Number(ctx.query.size);
  const encoding = typeof ctx.query.encoding === 'string' ? ctx.query.encoding : 'identity';
  if (ctx.path === '/bytes' && Number.isInteger(size) && size >= 0 && size <= MAX_SIZE && ENCODINGS.has(encoding)) {
    ctx.type = 'application/json; charset=utf-8';
    if (encoding !== 'identity') ctx.set('Content-Encoding', encoding);
    ctx.body = ofSize(size, encoding);
    return;
  }
  if (ctx.path === '/bytes') {
    // The same body already serialised: what sending bytes costs, with no work per request.
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = bytesOnly;
    return;
  }
  // Serialised per request, as any Koa app returning JSON (and Strapi) does.
  ctx.body = payload;
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0, bytes: body.length });
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
// The runner is gone (killed, or it crashed): nothing will stop this process otherwise.
process.on('disconnect', () => process.exit(0));
