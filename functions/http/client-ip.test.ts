import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { lambdaClientIp, ORIGIN_SECRET_HEADER } from './client-ip.ts';

const SECRET = 's'.repeat(48);

/** What hono's Lambda adapter puts in c.env: the API Gateway event, with the address it saw. */
async function ipFor(headers: Record<string, string>, originSecret: string | undefined = SECRET): Promise<string> {
  const app = new Hono();
  const clientIp = lambdaClientIp(originSecret);
  app.get('/', (c) => c.text(clientIp(c)));
  const env = { event: { requestContext: { http: { sourceIp: '198.51.100.7' } } } };
  const res = await app.request('/', { headers }, env);
  return res.text();
}

describe('the client address on Lambda', () => {
  it('is CloudFront’s viewer address on a request that carries the origin secret (IPv4 and IPv6)', async () => {
    expect(await ipFor({ 'CloudFront-Viewer-Address': '203.0.113.9:51234', [ORIGIN_SECRET_HEADER]: SECRET })).toBe('203.0.113.9');
    expect(await ipFor({ 'CloudFront-Viewer-Address': '2001:db8::1:443', [ORIGIN_SECRET_HEADER]: SECRET })).toBe('2001:db8::1');
  });

  it('is the address API Gateway saw when the secret is missing or wrong, whatever the viewer header claims', async () => {
    expect(await ipFor({ 'CloudFront-Viewer-Address': '203.0.113.9:51234' })).toBe('198.51.100.7');
    expect(await ipFor({ 'CloudFront-Viewer-Address': '203.0.113.9:51234', [ORIGIN_SECRET_HEADER]: 'guess' })).toBe(
      '198.51.100.7',
    );
    expect(await ipFor({ 'CloudFront-Viewer-Address': '203.0.113.9:51234', [ORIGIN_SECRET_HEADER]: `${SECRET}x` })).toBe(
      '198.51.100.7',
    );
    // No secret configured: the header is never believed.
    expect(await ipFor({ 'CloudFront-Viewer-Address': '203.0.113.9:51234', [ORIGIN_SECRET_HEADER]: '' }, undefined)).toBe(
      '198.51.100.7',
    );
  });
});
