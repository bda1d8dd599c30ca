import { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { BlobStore } from '../../../shared/exports/ports.ts';

export interface S3Settings {
  bucket: string;
  region: string;
  /** An S3-compatible endpoint (tests, other clouds); unset on AWS. */
  endpoint?: string;
  /** Keys for that endpoint; on AWS the function's role signs. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/**
 * Blobs in one private S3 bucket. Puts stream through a multipart upload (at most two 5 MB parts
 * in memory, whatever the size); downloads are presigned GETs, valid briefly, that answer as an
 * attachment, handed out only after the API has checked the session and the export's expiry.
 */
export function s3BlobStore(settings: S3Settings): BlobStore {
  const client = new S3Client({
    region: settings.region,
    ...(settings.endpoint ? { endpoint: settings.endpoint, forcePathStyle: true } : {}),
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
  });
  const Bucket = settings.bucket;
  return {
    async put(key, body, meta) {
      let size = 0;
      async function* counted() {
        for await (const chunk of body) {
          size += chunk.length;
          yield chunk;
        }
      }
      const upload = new Upload({
        client,
        params: { Bucket, Key: key, Body: Readable.from(counted()), ContentType: meta.contentType },
        queueSize: 2,
        partSize: 5 * 1024 * 1024,
        leavePartsOnError: false,
      });
      await upload.done();
      return { size };
    },

    async get(key) {
      try {
        const res = await client.send(new GetObjectCommand({ Bucket, Key: key }));
        if (!res.Body) return undefined;
        return { body: res.Body as Readable, size: res.ContentLength ?? 0 };
      } catch (error) {
        if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return undefined;
        throw error;
      }
    },

    directUrl(key, options) {
      return getSignedUrl(
        client,
        new GetObjectCommand({
          Bucket,
          Key: key,
          ResponseContentDisposition: `attachment; filename="${options.filename}"`,
          ResponseContentType: options.contentType,
          ResponseCacheControl: 'no-store',
        }),
        { expiresIn: options.expiresInSeconds },
      );
    },

    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },
  };
}
