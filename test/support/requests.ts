import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { RequestDetail } from '../../shared/admin-api.ts';

/** A signed-in person's client, as test/support/sign-in.ts gives it. */
interface Client {
  get(path: string): Promise<Response>;
  post(path: string, body?: unknown): Promise<Response>;
}

/**
 * Withdraws the person's open requests of a kind, so the next filing of that kind is a new
 * request: a second open one of the same kind and scope is a duplicate that gives back the first
 * (shared/requests/duplicates.ts). For tests that each follow a request of their own.
 */
export async function withdrawOpen(client: Client, slug: string, kind: unknown): Promise<void> {
  const { requests } = (await (await client.get(`/api/t/${slug}/me/requests`)).json()) as {
    requests: { id: string; kind: string; open: boolean }[];
  };
  for (const r of requests) if (r.kind === kind && r.open) await client.post(`/api/t/${slug}/me/requests/${r.id}/withdraw`, {});
}

/** Staff's view of one request at its admin API path: its detail, and `act` to take an action at the version it shows. */
export function staffView(handler: Client, path: string) {
  const detail = async (): Promise<RequestDetail> => (await handler.get(path)).json();
  const act = async (action: Record<string, unknown>) =>
    handler.post(`${path}/actions`, { expectedVersion: (await detail()).request.version, action });
  return { detail, act };
}

/** Files a request as the signed-in person; it must be accepted. Its subject, id and reference. */
export async function fileOwn(subject: Client, slug: string, request: Record<string, unknown>) {
  const filed = await subject.post(`/api/t/${slug}/me/requests`, { idempotencyKey: randomUUID(), request });
  expect(filed.status).toBe(201);
  const { id, reference } = (await filed.json()) as { id: string; reference: string };
  const me = (await (await subject.get(`/api/t/${slug}/me`)).json()) as { subject: { id: string } };
  return { subjectId: me.subject.id, id, reference };
}

/** Files a request as a new one: the person's open ones of its kind withdrawn first (see withdrawOpen). */
export async function fileAfresh(subject: Client, slug: string, request: Record<string, unknown>) {
  await withdrawOpen(subject, slug, request.kind);
  return fileOwn(subject, slug, request);
}

/**
 * Files a request as the signed-in person (and expects it accepted): its id, reference and admin
 * API path, and the handler's view of it.
 */
export async function fileFollowed(subject: Client, handler: Client, slug: string, request: Record<string, unknown>) {
  const { subjectId, id, reference } = await fileOwn(subject, slug, request);
  const path = `/api/t/${slug}/admin/subjects/${subjectId}/requests/${id}`;
  return { id, reference, path, ...staffView(handler, path) };
}
