import http from 'http';
import https from 'https';
import type { SafeAgents } from './ssrf';

export interface VerificationAnswer {
  /** Null when no answer came (network error, timeout, refused address). */
  statusCode: number | null;
  /** The first `maxBytes` of the body. */
  body: string;
  error: string | null;
}

/**
 * One GET of a subscriber's callback (WebSub verification of intent) through the SSRF-safe
 * agents: no redirect followed (the callback itself must answer), a deadline on the whole
 * exchange, at most `maxBytes` of the answer read.
 */
export const getOnce = (url: string, options: { agents: SafeAgents; timeoutMs: number; maxBytes: number; userAgent: string }): Promise<VerificationAnswer> =>
  new Promise((resolve) => {
    let settled = false;
    const finish = (answer: VerificationAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      outgoing.destroy();
      resolve(answer);
    };
    const target = new URL(url);
    const transport = target.protocol === 'https:' ? https : http;
    const outgoing = transport.get(target, {
      agent: target.protocol === 'https:' ? options.agents.https : options.agents.http,
      headers: { 'user-agent': options.userAgent },
    });
    const deadline = setTimeout(() => finish({ statusCode: null, body: '', error: `timeout after ${options.timeoutMs} ms` }), options.timeoutMs);
    outgoing.on('error', (error) => finish({ statusCode: null, body: '', error: error.message }));
    outgoing.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () =>
        finish({ statusCode: response.statusCode ?? null, body: Buffer.concat(chunks).subarray(0, options.maxBytes).toString('utf8'), error: null });
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= options.maxBytes) done();
      });
      response.on('end', done);
      response.on('error', done);
    });
  });
