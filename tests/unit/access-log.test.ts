import { spawnSync } from 'child_process';
import path from 'path';

/**
 * The logger config/logger.ts gives Strapi (src/logging/access-log.ts), in a process of its
 * own, since its access lines go to the real stdout: every line arrives, access lines too when
 * the process exits right after logging them, and a stdout that cannot keep up loses access
 * lines only past the buffer's bound, and says so.
 */
const ROOT = path.resolve(__dirname, '..', '..');

const run = (bufferMb: number, body: string) =>
  spawnSync(
    process.execPath,
    [
      '-e',
      `const { createLogger } = require('@strapi/logger');
       const { loggerTransports } = require(${JSON.stringify(path.join(ROOT, 'dist/src/logging/access-log.js'))});
       const log = createLogger({ level: 'http', transports: loggerTransports(${bufferMb}) });
       ${body}`,
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );

describe('the access log', () => {
  it('writes every level, access lines included, before a process that exits at once is gone', () => {
    const result = run(
      16,
      `log.info('first'); log.http('GET /api/stories (3 ms) 200'); log.warn('third'); log.http('GET /api/topics (1 ms) 304'); process.exit(0);`,
    );
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(4);
    for (const text of ['first', 'GET /api/stories (3 ms) 200', 'third', 'GET /api/topics (1 ms) 304'])
      expect(lines.some((line) => line.includes(text))).toBe(true);
    // The synchronous lines keep their order.
    expect(lines.findIndex((line) => line.includes('first'))).toBeLessThan(lines.findIndex((line) => line.includes('third')));
  });

  it('drops access lines past its bound when stdout cannot keep up, and warns on stderr', () => {
    // About 100 bytes may wait; 200 lines written in one go cannot.
    const result = run(0.0001, `for (let i = 0; i < 200; i++) log.http('GET /api/stories?page=' + i + ' (1 ms) 200'); log.error('still written');`);
    expect(result.status).toBe(0);
    const access = result.stdout.split('\n').filter((line) => line.includes('GET /api/stories'));
    expect(access.length).toBeGreaterThan(0);
    expect(access.length).toBeLessThan(200);
    expect(result.stderr).toMatch(/access log: \d+ line\(s\) dropped so far/);
    expect(result.stdout).toContain('still written');
  });
});
