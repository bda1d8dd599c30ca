import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { collectPages, createHttpClient } from './http-client.ts';

describe('createHttpClient', () => {
  it('never follows a vendor link to another site (it would carry the credentials there)', async () => {
    const calls: string[] = [];
    const http = createHttpClient({
      baseUrl: 'https://graph.microsoft.com/v1.0',
      system: 'Microsoft 365',
      auth: async () => ({ authorization: 'Bearer secret' }),
      fetch: async (url) => {
        calls.push(String(url));
        return new Response('{}');
      },
    });
    await expect(
      http.request({
        operation: 'next page',
        method: 'GET',
        path: 'https://graph.example.net/v1.0/users?$skiptoken=1',
        schema: z.unknown(),
      }),
    ).rejects.toMatchObject({
      code: 'malformed-answer',
      message: 'Microsoft 365 gave a link to another site',
    });
    await http.request({
      operation: 'next page',
      method: 'GET',
      path: 'https://graph.microsoft.com/v1.0/users?$skiptoken=1',
      schema: z.unknown(),
    });
    expect(calls).toEqual(['https://graph.microsoft.com/v1.0/users?$skiptoken=1']);
  });
});

describe('collectPages', () => {
  it('keeps each item once when a page comes twice, and stops at the last page', async () => {
    const pages = [[{ id: 'a' }, { id: 'b' }], [{ id: 'b' }, { id: 'c' }], []];
    const items = await collectPages<{ id: string }, number>(
      async (cursor = 0) => ({ items: pages[cursor]!, next: cursor + 1 }),
      (x) => x.id,
    );
    expect(items.map((x) => x.id)).toEqual(['a', 'b', 'c']);
  });

  it('gives up on a system that pages for ever', async () => {
    await expect(
      collectPages<{ id: string }, number>(
        async (cursor = 0) => ({ items: [{ id: String(cursor) }], next: cursor + 1 }),
        (x) => x.id,
        50,
      ),
    ).rejects.toMatchObject({
      code: 'malformed-answer',
    });
  });
});
