/**
 * The physical limit: a bare Koa server (no middleware) answering every request with a
 * JSON body of the size of a story list page. Bench-only; run by the runner in its own process.
 */
import Koa from 'koa';

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

// `/bytes?size=N`: N bytes of the same JSON text (repeated), for comparing a larger response
// with bare Koa sending as many bytes.
const sized = new Map<number, Buffer>();
const ofSize = (size: number): Buffer => {
  let buffer = sized.get(size);
  if (!buffer) {
    buffer = Buffer.alloc(size);
    for (let offset = 0; offset < size; offset += bytesOnly.length) bytesOnly.copy(buffer, offset, 0, Math.min(bytesOnly.length, size - offset));
    sized.set(size, buffer);
  }
  return buffer;
};

const app = new Koa();
app.use((ctx) => {
  const size = Number(ctx.query.size);
  if (ctx.path === '/bytes' && Number.isInteger(size) && size > 0 && size <= 64 * 1024 * 1024) {
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = ofSize(size);
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
