// The example website: `npm start` here, or `npm run example:website` from the CMS's folder.
// CMS_URL (default http://localhost:1337) is where the CMS answers; PORT (default 3000) and HOST
// (default 127.0.0.1) where this site listens.
import { createSite } from './src/app.js';

const cmsUrl = process.env.CMS_URL || 'http://localhost:1337';
const publicCmsUrl = process.env.CMS_PUBLIC_URL || cmsUrl;
const port = Number.parseInt(process.env.PORT ?? '3000', 10);
const host = process.env.HOST || '127.0.0.1';

const server = createSite({ cmsUrl, publicCmsUrl });
server.listen(port, host, () => {
  const address = server.address();
  const where =
    typeof address === 'object' && address ? `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}` : String(address);
  console.log(`Example website on ${where}/ (content from ${cmsUrl})`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    // Keep-alive connections of browsers would hold close() open: end them.
    server.closeAllConnections();
  });
}
