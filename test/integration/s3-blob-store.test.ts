import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { s3BlobStore } from '../../functions/adapters/s3/blob-store.ts';
import { freePort } from '../../functions/local/free-port.ts';
import type { BlobStore } from '../../shared/exports/ports.ts';
import { startTestCentre, type TestCentre } from '../support/centre.ts';
import { signedIn } from '../support/sign-in.ts';
import { signedInStaff } from '../support/staff.ts';

/**
 * The S3 blob store against s3rver, a fake S3 in Node (a test double only: locally the centre
 * keeps exports in a folder). Puts stream through a multipart upload, reads stream back, and a
 * download on AWS is a 302 to a presigned URL that answers with the file as an attachment.
 */
const require = createRequire(import.meta.url);
const S3rver = require('s3rver') as new (options: Record<string, unknown>) => { run(): Promise<unknown>; close(): Promise<void> };
const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
let server: InstanceType<typeof S3rver>;
let folder: string;
let store: BlobStore;
let endpoint: string;

beforeAll(async () => {
  const port = await freePort();
  folder = mkdtempSync(join(tmpdir(), 'pc-s3rver-'));
  server = new S3rver({ port, address: '127.0.0.1', silent: true, directory: folder, configureBuckets: [{ name: 'exports' }] });
  await server.run();
  endpoint = `http://127.0.0.1:${port}`;
  store = s3BlobStore({ bucket: 'exports', region: 'eu-west-2', endpoint, credentials });
});
afterAll(async () => {
  await server?.close();
  rmSync(folder, { recursive: true, force: true });
});

async function bytesOf(body: AsyncIterable<Uint8Array>) {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe('the S3 blob store', () => {
  it('streams a file of several parts in and out, byte for byte, and deletes it', async () => {
    // Three 4 MB pieces: more than one 5 MB part of the multipart upload.
    async function* pieces() {
      for (const fill of [0x41, 0x42, 0x43]) yield new Uint8Array(4 * 1024 * 1024).fill(fill);
    }
    const { size } = await store.put('exports/t/s/big.zip', pieces(), { contentType: 'application/zip' });
    expect(size).toBe(12 * 1024 * 1024);
    const got = await store.get('exports/t/s/big.zip');
    expect(got?.size).toBe(size);
    const bytes = await bytesOf(got?.body as AsyncIterable<Uint8Array>);
    expect(bytes.length).toBe(size);
    expect([bytes[0], bytes[5 * 1024 * 1024], bytes[size - 1]]).toEqual([0x41, 0x42, 0x43]);
    await store.delete('exports/t/s/big.zip');
    expect(await store.get('exports/t/s/big.zip')).toBeUndefined();
  });

  it('hands out a presigned URL, valid a minute, that answers as an attachment', async () => {
    async function* small() {
      yield new TextEncoder().encode('zip bytes');
    }
    await store.put('exports/t/s/small.zip', small(), { contentType: 'application/zip' });
    const url = (await store.directUrl('exports/t/s/small.zip', {
      filename: 'IPM-2026-000001-your-data.zip',
      contentType: 'application/zip',
      expiresInSeconds: 60,
    })) as string;
    expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('60');
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Disposition')).toBe('attachment; filename="IPM-2026-000001-your-data.zip"');
    expect(await res.text()).toBe('zip bytes');
  });
});

describe('the S3 blob store, at the edges', () => {
  async function* once(bytes: Uint8Array) {
    yield bytes;
  }

  it('stores an empty file and a file of exactly one part, byte for byte', async () => {
    await store.put('exports/t/s/empty.zip', once(new Uint8Array(0)), { contentType: 'application/zip' });
    expect((await store.get('exports/t/s/empty.zip'))?.size).toBe(0);
    const part = new Uint8Array(5 * 1024 * 1024).map((_, i) => i % 251);
    const { size } = await store.put('exports/t/s/one-part.zip', once(part), { contentType: 'application/zip' });
    expect(size).toBe(part.length);
    const back = await bytesOf((await store.get('exports/t/s/one-part.zip'))?.body as AsyncIterable<Uint8Array>);
    expect(Buffer.compare(back, Buffer.from(part))).toBe(0);
    // Ten megabytes: two whole parts.
    const two = new Uint8Array(10 * 1024 * 1024).map((_, i) => (i * 7) % 253);
    await store.put('exports/t/s/two-parts.zip', once(two), { contentType: 'application/zip' });
    const twoBack = await bytesOf((await store.get('exports/t/s/two-parts.zip'))?.body as AsyncIterable<Uint8Array>);
    expect(Buffer.compare(twoBack, Buffer.from(two))).toBe(0);
  });

  it('leaves no file when the body fails part-way, and says why', async () => {
    async function* failing() {
      yield new Uint8Array(6 * 1024 * 1024).fill(1); // a whole part goes up first
      yield new Uint8Array(6 * 1024 * 1024).fill(2);
      throw new Error('the export failed while writing');
    }
    await expect(store.put('exports/t/s/broken.zip', failing(), { contentType: 'application/zip' })).rejects.toThrow(
      /failed while writing/,
    );
    expect(await store.get('exports/t/s/broken.zip')).toBeUndefined();
    // (s3rver has no ListMultipartUploads, so the abort itself is not observed here; the bucket's
    // lifecycle rule also removes incomplete uploads on AWS.)
  });

  it('presigns exactly the URL the official presigner does (same client, same moment)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-22T10:00:00Z'));
    try {
      const options = { filename: 'ITMK-2026-000001-your-data.zip', contentType: 'application/zip', expiresInSeconds: 60 };
      const ours = await store.directUrl('exports/t/s/small.zip', options);
      // The official presigner, for the same object and the same answer headers.
      const officialUrl = (client: S3Client) =>
        getSignedUrl(
          client,
          new GetObjectCommand({
            Bucket: 'exports',
            Key: 'exports/t/s/small.zip',
            ResponseContentDisposition: `attachment; filename="${options.filename}"`,
            ResponseContentType: options.contentType,
            ResponseCacheControl: 'no-store',
          }),
          { expiresIn: 60 },
        );
      const official = await officialUrl(new S3Client({ region: 'eu-west-2', endpoint, forcePathStyle: true, credentials }));
      expect(ours).toBe(official);
      // And on AWS's own endpoint (virtual-hosted style).
      const aws = s3BlobStore({ bucket: 'exports', region: 'eu-west-2', credentials });
      const awsOurs = await aws.directUrl('exports/t/s/small.zip', options);
      const awsOfficial = await officialUrl(new S3Client({ region: 'eu-west-2', credentials }));
      expect(awsOurs).toMatch(/^https:\/\/exports\.s3\.eu-west-2\.amazonaws\.com\//);
      expect(awsOurs).toBe(awsOfficial);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('a download on AWS', () => {
  let centre: TestCentre;
  beforeAll(async () => {
    centre = await startTestCentre();
  });
  afterAll(() => centre.stop());

  it('checks the session and the expiry, then redirects to the presigned URL of the ZIP', async () => {
    const slug = 'it-mk';
    const subject = await signedIn(centre, slug, 'david.wilson@example.co.uk');
    const filed = await subject.post(`/api/t/${slug}/me/requests`, {
      idempotencyKey: randomUUID(),
      request: { kind: 'access', scope: 'everything' },
    });
    const { id: requestId } = await filed.json();
    const subjectId = (await (await subject.get(`/api/t/${slug}/me`)).json()).subject.id;
    const staff = await signedInStaff(centre, slug, 'sam.taylor@staff.example');
    expect((await staff.post(`/api/t/${slug}/admin/subjects/${subjectId}/requests/${requestId}/exports`)).status).toBe(202);
    await centre.buildExports();
    // The ZIP the builder made, as the builder on AWS would have put it in the bucket.
    const [job] = await centre.deps.exports.listForRequest(slug, subjectId, requestId);
    const local = await centre.deps.blobs.get(job?.blobKey as string);
    await store.put(job?.blobKey as string, local?.body as AsyncIterable<Uint8Array>, { contentType: 'application/zip' });
    centre.deps.blobs = store;

    const { exports } = await (await subject.get(`/api/t/${slug}/me/requests/${requestId}/exports`)).json();
    const res = await subject.get(exports[0].downloadUrl);
    expect(res.status).toBe(302);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const location = res.headers.get('Location') as string;
    expect(location).toContain('X-Amz-Signature=');
    const file = await fetch(location);
    expect(file.status).toBe(200);
    expect(file.headers.get('Content-Disposition')).toMatch(/^attachment; filename="ITMK-\d{4}-\d{6}-your-data\.zip"$/);
    const zip = unzipSync(new Uint8Array(await file.arrayBuffer()));
    expect(JSON.parse(strFromU8(zip['data.json'] as Uint8Array)).subject.id).toBe(subjectId);

    // Someone else's session gets no link at all.
    const other = await signedIn(centre, slug, 'james.patel@example.com');
    expect((await other.get(exports[0].downloadUrl)).status).toBe(404);
  });
});
