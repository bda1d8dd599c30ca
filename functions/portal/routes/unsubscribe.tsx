import type { Context } from 'hono';
import type { ComponentChildren } from 'preact';
import { render } from 'preact-render-to-string';
import { DomainError } from '../../../shared/errors.ts';
import { readUnsubscribeLink, type UnsubscribeTarget, unsubscribe } from '../../../shared/marketing/unsubscribe.ts';
import type { TenantConfig } from '../../../shared/policy/schema.ts';
import type { PortalEnv, PortalRoutes } from '../context.ts';

/** A few rules for the server-rendered pages; a file of its own because the CSP forbids inline styles. */
const PLAIN_CSS = `body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;line-height:1.5;color:#1f2933;background:#f5f7fa;margin:0}
main{max-width:36rem;margin:2rem auto;padding:1.5rem;background:#fff;border:1px solid #cbd2d9;border-radius:8px}
h1{font-size:1.5rem;line-height:1.2;margin-top:0}a{color:#0b4f8a}
button{font:inherit;font-weight:700;background:#0b4f8a;color:#fff;border:0;border-radius:4px;padding:.7rem 1.2rem;min-height:44px;cursor:pointer}
button:focus,a:focus{outline:3px solid #ffbf47;outline-offset:2px}.brand{font-weight:700;color:#0b4f8a}
@media (max-width:40rem){main{margin:0;border:0;border-radius:0}}`;

function Shell(props: { title: string; tenant?: TenantConfig; children: ComponentChildren }) {
  return (
    <html lang="en-GB">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{props.tenant ? `${props.title} – ${props.tenant.name}` : props.title}</title>
        <link rel="stylesheet" href="/api/plain.css" />
      </head>
      <body>
        <main>
          {props.tenant && <p class="brand">{props.tenant.name} privacy centre</p>}
          <h1>{props.title}</h1>
          {props.children}
        </main>
      </body>
    </html>
  );
}

const page = (c: Context, status: 200 | 400, node: preact.VNode) => c.html(`<!doctype html>${render(node)}`, status);

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
      tag: 'marketing',
      summary: 'An unsubscribe link opened in a browser: a page that explains and offers the button (changes nothing)',
      responses: { 200: { description: 'HTML page' }, 400: { description: 'HTML page: the link is not valid' } },
    },
    {
      method: 'post',
      path,
      tag: 'marketing',
      summary: 'One-click unsubscribe (RFC 8058): form body List-Unsubscribe=One-Click; no cookies needed',
      responses: { 200: { description: 'HTML page: unsubscribed' }, 400: { description: 'HTML page: nothing changed' } },
    },
  );

  app.get(
    path,
    withLink((c, tenant, link) => {
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
