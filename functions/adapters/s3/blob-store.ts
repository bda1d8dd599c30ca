import type { Readable } from 'node:stream';
import type { CompletedPart, S3Client } from '@aws-sdk/client-s3';
import type { BlobStore } from '../../../shared/exports/ports.ts';

export interface S3Settings {
  bucket: string;
  region: string;
  /** An S3-compatible endpoint (tests, other clouds); unset on AWS. */
  endpoint?: string;
  /** Keys for that endpoint; on AWS the function's role signs. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** The S3 SDK, loaded on first use (see s3BlobStore). */
const loadSdk = () => import('@aws-sdk/client-s3');
type Sdk = Awaited<ReturnType<typeof loadSdk>>;

/** RFC 3986 escaping, as SigV4 canonicalises the query. */
const uriEscape = (value: string) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * A presigned GET URL: what `@aws-sdk/s3-request-presigner`'s getSignedUrl does for a plain
 * (non-Express) bucket, through the client's own parts: the command's middleware serialises and
 * routes the request as a send would, stopping just before the signing step; the client's signer
 * class (SignatureV4MultiRegion, which the client package carries) presigns it. The presigner
 * package and the SigV4 code it brings (about 33 kB) would otherwise be bundled into every function.
 */
async function presignedGet(client: S3Client, command: InstanceType<Sdk['GetObjectCommand']>, region: string, expiresIn: number) {
  type Request = {
    protocol: string;
    hostname: string;
    port?: number;
    path: string;
    query: Record<string, string | string[] | null>;
    headers: Record<string, string>;
  };
  const config = client.config as typeof client.config & {
    signerConstructor: new (
      options: Record<string, unknown>,
    ) => { presign(request: Request, options: Record<string, unknown>): Promise<Request> };
  };
  const signer = new config.signerConstructor({ ...config, service: 's3', uriEscapePath: false, applyChecksum: false });
  const stack = client.middlewareStack.clone();
  stack.addRelativeTo(
    (_next: unknown) => async (args: { request: unknown }) => {
      const request = args.request as Request;
      for (const header of ['amz-sdk-invocation-id', 'amz-sdk-request', 'x-amz-user-agent']) delete request.headers[header];
      request.headers['X-Amz-Content-Sha256'] = 'UNSIGNED-PAYLOAD';
      const host = `${request.hostname}${request.port != null ? `:${request.port}` : ''}`;
      if (!request.headers.host || (request.headers.host === request.hostname && request.port != null))
        request.headers.host = host;
      const presigned = await signer.presign(request, {
        expiresIn,
        unsignableHeaders: new Set(['content-type']),
        unhoistableHeaders: new Set(),
        signingRegion: region,
        signingService: 's3',
      });
      return { response: {}, output: { $metadata: { httpStatusCode: 200 }, presigned } };
    },
    { name: 'presignInterceptMiddleware', relation: 'before', toMiddleware: 'awsAuthMiddleware', override: true },
  );
  const handler = command.resolveMiddleware(stack as never, client.config, {});
  const { output } = (await handler({ input: command.input })) as unknown as { output: { presigned: Request } };
  const { protocol, hostname, port, path, query } = output.presigned;
  const search = Object.keys(query)
    .sort()
    .flatMap((key) => {
      const value = query[key];
      if (value == null) return [uriEscape(key)];
      return (Array.isArray(value) ? value : [value]).map((v) => `${uriEscape(key)}=${uriEscape(v)}`);
    })
    .join('&');
  const scheme = protocol.endsWith(':') ? protocol : `${protocol}:`;
  return `${scheme}//${hostname}${port ? `:${port}` : ''}${path.startsWith('/') ? path : `/${path}`}${search ? `?${search}` : ''}`;
}

const PART_SIZE = 5 * 1024 * 1024;
/** Parts uploading at once: with the one being filled, at most this many + 1 parts in memory. */
const QUEUE_SIZE = 2;

/**
 * Streams a body of unknown length into S3: one PutObject if it fits in a part, otherwise a
 * multipart upload of 5 MB parts, QUEUE_SIZE at a time, aborted (its parts deleted) on any error.
 * What `@aws-sdk/lib-storage`'s Upload does for these settings, with its CRC32 checksums, written
 * out here because that library (bundled: the Lambda runtime is not documented to provide it)
 * imports `@aws-sdk/client-s3` statically, which esbuild hoists to the top of the bundle, so every
 * function would load the S3 client at cold start.
 */
async function upload(
  sdk: Sdk,
  client: S3Client,
  params: { Bucket: string; Key: string; ContentType: string },
  body: AsyncIterable<Uint8Array>,
): Promise<number> {
  let size = 0;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  const take = (): Buffer => {
    const all = Buffer.concat(pending, pendingBytes);
    const part = all.subarray(0, PART_SIZE);
    pending = all.length > PART_SIZE ? [all.subarray(PART_SIZE)] : [];
    pendingBytes = all.length - part.length;
    return part;
  };

  let uploadId: string | undefined;
  let partNumber = 0;
  const inFlight: Promise<void>[] = [];
  const parts: CompletedPart[] = [];
  const uploadPart = async (data: Buffer) => {
    if (!uploadId) {
      const checksums = await client.config.requestChecksumCalculation();
      const created = await client.send(
        new sdk.CreateMultipartUploadCommand({
          ...params,
          ...(checksums === 'WHEN_SUPPORTED' ? { ChecksumAlgorithm: sdk.ChecksumAlgorithm.CRC32 } : {}),
        }),
      );
      uploadId = created.UploadId;
      if (!uploadId) throw new Error(`S3 returned no UploadId for ${params.Key}.`);
    }
    const PartNumber = ++partNumber;
    const task = client
      .send(new sdk.UploadPartCommand({ Bucket: params.Bucket, Key: params.Key, UploadId: uploadId, PartNumber, Body: data }))
      .then((result) => {
        if (!result.ETag) throw new Error(`S3 returned no ETag for part ${PartNumber} of ${params.Key}.`);
        parts.push({
          PartNumber,
          ETag: result.ETag,
          ...(result.ChecksumCRC32 ? { ChecksumCRC32: result.ChecksumCRC32 } : {}),
          ...(result.ChecksumCRC32C ? { ChecksumCRC32C: result.ChecksumCRC32C } : {}),
          ...(result.ChecksumSHA1 ? { ChecksumSHA1: result.ChecksumSHA1 } : {}),
          ...(result.ChecksumSHA256 ? { ChecksumSHA256: result.ChecksumSHA256 } : {}),
        });
      });
    task.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
    inFlight.push(task);
    if (inFlight.length >= QUEUE_SIZE) await inFlight.shift();
  };

  try {
    for await (const chunk of body) {
      size += chunk.length;
      pending.push(chunk);
      pendingBytes += chunk.length;
      while (pendingBytes > PART_SIZE) await uploadPart(take());
    }
    if (!uploadId) {
      await client.send(new sdk.PutObjectCommand({ ...params, Body: take() }));
      return size;
    }
    if (pendingBytes > 0) await uploadPart(take());
    while (inFlight.length > 0) await inFlight.shift();
    parts.sort((a, b) => (a.PartNumber ?? 0) - (b.PartNumber ?? 0));
    await client.send(
      new sdk.CompleteMultipartUploadCommand({
        Bucket: params.Bucket,
        Key: params.Key,
        UploadId: uploadId,
        MultipartUpload: { Parts: parts },
      }),
    );
    return size;
  } catch (error) {
    await Promise.allSettled(inFlight);
    if (uploadId) {
      await client
        .send(new sdk.AbortMultipartUploadCommand({ Bucket: params.Bucket, Key: params.Key, UploadId: uploadId }))
        .catch(() => undefined); // the bucket's lifecycle rule removes incomplete uploads too
    }
    throw error;
  }
}

/**
 * Blobs in one private S3 bucket. Puts stream through a multipart upload (at most two 5 MB parts
 * in memory, whatever the size); downloads are presigned GETs, valid briefly, that answer as an
 * attachment, handed out only after the API has checked the session and the export's expiry.
 *
 * The S3 SDK loads on the first blob operation, not at cold start: every function is wired with
 * a blob store, but only export builds, downloads, erasures and the clean-up job touch one, so
 * the other requests (nearly all of them) never load it.
 */
export function s3BlobStore(settings: S3Settings): BlobStore {
  let ready: Promise<{ sdk: Sdk; client: S3Client }> | undefined;
  const s3 = () => {
    ready ??= loadSdk().then((sdk) => ({
      sdk,
      client: new sdk.S3Client({
        region: settings.region,
        ...(settings.endpoint ? { endpoint: settings.endpoint, forcePathStyle: true } : {}),
        ...(settings.credentials ? { credentials: settings.credentials } : {}),
      }),
    }));
    ready.catch(() => {
      ready = undefined; // a failed load is retried by the next call
    });
    return ready;
  };
  const Bucket = settings.bucket;
  return {
    async put(key, body, meta) {
      const { sdk, client } = await s3();
      return { size: await upload(sdk, client, { Bucket, Key: key, ContentType: meta.contentType }, body) };
    },

    async get(key) {
      const { sdk, client } = await s3();
      try {
        const res = await client.send(new sdk.GetObjectCommand({ Bucket, Key: key }));
        if (!res.Body) return undefined;
        return { body: res.Body as Readable, size: res.ContentLength ?? 0 };
      } catch (error) {
        if (error instanceof sdk.NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return undefined;
        throw error;
      }
    },

    async directUrl(key, options) {
      const { sdk, client } = await s3();
      return presignedGet(
        client,
        new sdk.GetObjectCommand({
          Bucket,
          Key: key,
          ResponseContentDisposition: `attachment; filename="${options.filename}"`,
          ResponseContentType: options.contentType,
          ResponseCacheControl: 'no-store',
        }),
        settings.region,
        options.expiresInSeconds,
      );
    },

    async delete(key) {
      const { sdk, client } = await s3();
      await client.send(new sdk.DeleteObjectCommand({ Bucket, Key: key }));
    },
  };
}
