import { describe, expect, it } from 'vitest';
import { checkSignature, sign } from './mailer-signature.ts';

const now = new Date('2026-12-03T12:00:00Z');
const ts = String(now.getTime() / 1000);
const secret = 'tenant-signing-secret-of-enough-length';
const call = { method: 'POST', path: '/api/t/it-mk/mailer/may-we-send', body: '{"address":"a@example.com"}' };
const check = (over: Partial<Parameters<typeof checkSignature>[0]> = {}) =>
  checkSignature({
    secret,
    timestamp: ts,
    signature: sign(secret, ts, call.method, call.path, call.body),
    ...call,
    now,
    ...over,
  });

describe('mailer API signatures', () => {
  it('accepts a call signed over its method, path, timestamp and body with the tenant’s secret', () => {
    expect(check()).toEqual({ ok: true });
  });

  it.each([
    ['another method', { method: 'GET' }],
    ['another path (another tenant)', { path: '/api/t/the-one-point/mailer/may-we-send' }],
    ['another body', { body: '{"address":"b@example.com"}' }],
    ['another secret', { secret: 'a-different-secret-of-enough-length' }],
  ])('refuses a signature for %s', (_what, over) => {
    expect(check(over)).toEqual({ ok: false, why: 'wrong' });
  });

  it('refuses a call more than five minutes old or ahead (a replay), and one without a secret or signature', () => {
    const old = String(now.getTime() / 1000 - 301);
    expect(check({ timestamp: old, signature: sign(secret, old, call.method, call.path, call.body) })).toEqual({
      ok: false,
      why: 'stale',
    });
    const ahead = String(now.getTime() / 1000 + 301);
    expect(check({ timestamp: ahead, signature: sign(secret, ahead, call.method, call.path, call.body) }).ok).toBe(false);
    const edge = String(now.getTime() / 1000 - 300);
    expect(check({ timestamp: edge, signature: sign(secret, edge, call.method, call.path, call.body) })).toEqual({ ok: true });
    expect(check({ secret: undefined })).toEqual({ ok: false, why: 'missing' });
    expect(check({ signature: undefined })).toEqual({ ok: false, why: 'missing' });
    expect(check({ timestamp: '12e3' })).toEqual({ ok: false, why: 'stale' });
  });
});
