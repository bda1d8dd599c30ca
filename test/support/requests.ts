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
