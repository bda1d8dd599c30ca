import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { DomainError } from '../../shared/errors.ts';
import { onError } from './errors.ts';
import { errorReply, pathIds, reply, routeGroup } from './route-group.ts';
import { publicAccess, RouteRegistry, subjectAccess } from './routes.ts';

/** An app whose subject guard lets in only a request that says `X-Who: subject`. */
function groupOf(implied: Parameters<typeof routeGroup>[2] = {}) {
  const app = new Hono();
  app.onError(onError);
  const routes = new RouteRegistry({
    public: async () => {},
    subject: async (c) => {
      if (c.req.header('X-Who') !== 'subject') throw new DomainError('unauthenticated', 'Please sign in again.');
    },
  });
  return { app, routes, route: routeGroup({ app, routes }, 'things', implied) };
}

describe('a route group', () => {
  it('registers each route with its method, path and the group tag, and the guard its access names', async () => {
    const { app, routes, route } = groupOf();
    route.get('/open', {
      access: publicAccess,
      summary: 'Open',
      responses: { 200: reply('Yes') },
      handler: (c) => c.text('open'),
    });
    route.put('/mine/:id', {
      access: subjectAccess,
      summary: 'Mine',
      body: z.strictObject({ n: z.number() }),
      responses: { 200: reply('Saved', z.object({ n: z.number() })) },
      handler: (c, body) => c.json({ n: body.n, ...pathIds('id')(c) }),
    });
    expect(routes.specs.map((s) => [s.method, s.path, s.tag, s.access.who])).toEqual([
      ['get', '/open', 'things', 'public'],
      ['put', '/mine/:id', 'things', 'subject'],
    ]);
    expect((await app.request('/open')).status).toBe(200);
    const put = (who: string) =>
      app.request('/mine/7', {
        method: 'PUT',
        headers: { 'X-Who': who, 'Content-Type': 'application/json' },
        body: JSON.stringify({ n: 3 }),
      });
    expect((await put('stranger')).status).toBe(401);
    const mine = await put('subject');
    expect(mine.status).toBe(200);
    expect(await mine.json()).toEqual({ n: 3, id: '7' });
  });

  it('adds the answers a kind of caller can always get, unless the route words its own', () => {
    const signedOut = errorReply('No valid session');
    const { routes, route } = groupOf({ subject: { 401: signedOut } });
    const handler = () => new Response(null, { status: 204 });
    route.get('/a', { access: subjectAccess, summary: 'A', responses: { 200: reply('A') }, handler });
    route.get('/b', { access: subjectAccess, summary: 'B', responses: { 401: errorReply('A page asking to sign in') }, handler });
    route.get('/c', { access: publicAccess, summary: 'C', responses: { 200: reply('C') }, handler });
    const [a, b, c] = routes.specs;
    expect(a?.responses).toEqual({ 200: { description: 'A' }, 401: signedOut });
    expect(b?.responses[401]?.description).toBe('A page asking to sign in');
    expect(c?.responses).toEqual({ 200: { description: 'C' } });
  });
});
