import type { Context, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ComponentChildren } from 'preact';
import { render } from 'preact-render-to-string';
import { DomainError } from '../../shared/errors.ts';
import type { TenantConfig } from '../../shared/policy/schema.ts';
import { statusOf } from '../http/errors.ts';

/**
 * Server-rendered pages a browser opens straight from a link (unsubscribe, downloads): a few
 * rules of style served as a file of their own, because the CSP forbids inline styles.
 */
export const PLAIN_CSS = `body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;line-height:1.5;color:#1f2933;background:#f5f7fa;margin:0}
main{max-width:36rem;margin:2rem auto;padding:1.5rem;background:#fff;border:1px solid #cbd2d9;border-radius:8px}
h1{font-size:1.5rem;line-height:1.2;margin-top:0}a{color:#0b4f8a}
button{font:inherit;font-weight:700;background:#0b4f8a;color:#fff;border:0;border-radius:4px;padding:.7rem 1.2rem;min-height:44px;cursor:pointer}
button:focus,a:focus{outline:3px solid #ffbf47;outline-offset:2px}.brand{font-weight:700;color:#0b4f8a}
@media (max-width:40rem){main{margin:0;border:0;border-radius:0}}`;

export function Shell(props: { title: string; tenant?: TenantConfig; children: ComponentChildren }) {
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

export const plainPage = (c: Context, status: ContentfulStatusCode, node: preact.VNode) =>
  c.html(`<!doctype html>${render(node)}`, status);

/** A browser that navigated to a link (rather than the page's script, which asks for JSON). */
const wantsPage = (c: Context) => (c.req.header('Accept') ?? '').includes('text/html');

/**
 * For a link a browser opens (a download): every refusal, the guard's own 401 included, answers a
 * page in words with the way back, never raw JSON; the page's scripts still get JSON. Register it
 * before the route, so that it wraps the guard too.
 */
export function problemPages<E extends { Variables: { tenant: TenantConfig } }>(
  words: (c: Context<E>, error: DomainError, tenant: TenantConfig) => preact.VNode,
): MiddlewareHandler<E> {
  return async (c, next) => {
    await next();
    const error = c.error;
    const tenant = c.get('tenant');
    if (!(error instanceof DomainError) || !tenant || !wantsPage(c)) return;
    c.res = undefined;
    c.res = await plainPage(c, statusOf(error), words(c, error, tenant));
    c.header('Cache-Control', 'no-store');
  };
}
