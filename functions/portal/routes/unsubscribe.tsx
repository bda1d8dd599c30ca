import type { Context } from 'hono';
import { DomainError } from '../../../shared/errors.ts';
import {
  alreadyUnsubscribed,
  readUnsubscribeLink,
  type UnsubscribeTarget,
  unsubscribe,
} from '../../../shared/marketing/unsubscribe.ts';
import type { TenantConfig } from '../../../shared/policy/schema.ts';
import { publicAccess } from '../../http/routes.ts';
import type { PortalEnv, PortalRoutes } from '../context.ts';
import { PLAIN_CSS, plainPage as page, Shell } from '../plain-page.tsx';

function invalid(c: Context, tenant: TenantConfig, message: string) {
  return page(
    c,
    400,
    <Shell title="This link does not work" tenant={tenant}>
      <p>{message}</p>
      <p>
        You can change what you hear about on <a href={`/t/${tenant.slug}/`}>your privacy centre page</a>, or write to{' '}
        <a href={`mailto:${tenant.contact.email}`}>{tenant.contact.email}</a>.
      </p>
    </Shell>,
  );
}

/**
 * One-click unsubscribe (RFC 8058) on one URL: POST with `List-Unsubscribe=One-Click` (as mail
 * providers send it, without cookies) unsubscribes and answers 200; GET only explains and offers
 * the same action with a button, so a link scanner changes nothing.
 */
export function unsubscribeRoutes({ app, routes, deps }: PortalRoutes): void {
  app.get('/plain.css', (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(PLAIN_CSS);
  });

  /** Reads the link's token; a tampered, made-up or other tenant's one gets the "does not work" page. */
  const withLink =
    (handler: (c: Context<PortalEnv>, tenant: TenantConfig, link: UnsubscribeTarget) => Response | Promise<Response>) =>
    (c: Context<PortalEnv>) => {
      const tenant = c.get('tenant');
      let link: UnsubscribeTarget;
      try {
        link = readUnsubscribeLink(deps, tenant, c.req.param('token') ?? '');
      } catch (error) {
        if (error instanceof DomainError) return invalid(c, tenant, error.message);
        throw error;
      }
      return handler(c, tenant, link);
    };

  const path = '/t/:tenant/unsubscribe/:token';
  routes.specs.push(
    {
      method: 'get',
      path,
      access: publicAccess,
      tag: 'marketing',
      summary: 'An unsubscribe link opened in a browser: a page that explains and offers the button (changes nothing)',
      responses: { 200: { description: 'HTML page' }, 400: { description: 'HTML page: the link is not valid' } },
    },
    {
      method: 'post',
      path,
      access: publicAccess,
      tag: 'marketing',
      summary: 'One-click unsubscribe (RFC 8058): form body List-Unsubscribe=One-Click; no cookies needed',
      responses: { 200: { description: 'HTML page: unsubscribed' }, 400: { description: 'HTML page: nothing changed' } },
    },
  );

  app.get(
    path,
    withLink(async (c, tenant, link) => {
      // A link used already (or a choice made since): say so, rather than offer the button again.
      if (await alreadyUnsubscribed(deps, link)) {
        return page(
          c,
          200,
          <Shell title={`You are already unsubscribed from ${link.topicName}`} tenant={tenant}>
            <p>
              You do not receive “{link.topicName}” emails from {tenant.name}. There is nothing more to do.
            </p>
            <p>
              To choose what you hear about, sign in to <a href={`/t/${tenant.slug}/`}>your privacy centre page</a>.
            </p>
          </Shell>,
        );
      }
      return page(
        c,
        200,
        <Shell title={`Unsubscribe from ${link.topicName}`} tenant={tenant}>
          <p>
            Press the button to stop receiving “{link.topicName}” emails from {tenant.name}. Nothing changes until you do.
          </p>
          <form method="post">
            <input type="hidden" name="List-Unsubscribe" value="One-Click" />
            <button type="submit">Unsubscribe</button>
          </form>
          <p>
            To choose exactly what you hear about, or to stop all marketing, sign in to{' '}
            <a href={`/t/${tenant.slug}/`}>your privacy centre page</a>.
          </p>
        </Shell>,
      );
    }),
  );

  app.post(
    path,
    withLink(async (c, tenant, link) => {
      const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
      if (form['List-Unsubscribe'] !== 'One-Click') {
        return invalid(c, tenant, 'This request did not ask to unsubscribe (List-Unsubscribe=One-Click). Nothing was changed.');
      }
      await unsubscribe(deps, link);
      return page(
        c,
        200,
        <Shell title="You are unsubscribed" tenant={tenant}>
          <p>
            You will not receive “{link.topicName}” emails from {tenant.name} any more. Other messages about services you use are
            not marketing and may still arrive.
          </p>
          <p>
            To change anything else, sign in to <a href={`/t/${tenant.slug}/`}>your privacy centre page</a>.
          </p>
        </Shell>,
      );
    }),
  );
}
