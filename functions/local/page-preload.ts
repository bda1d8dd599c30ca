import { type PageModules, pagePreloadCode } from '../http/page-preload.ts';

type CloudFrontEvent = {
  request: { uri: string; cookies: Record<string, { value: string }> };
  response: { statusCode: number; headers: Record<string, { value: string }> };
};

/** The cookies of a Cookie header, as CloudFront hands them to a function. */
function cookiesOf(header: string | undefined): CloudFrontEvent['request']['cookies'] {
  const cookies: CloudFrontEvent['request']['cookies'] = {};
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) cookies[part.slice(0, at).trim()] = { value: part.slice(at + 1).trim() };
  }
  return cookies;
}

/** What answers for a page: the `Link` header CloudFront's page-preload function adds, if any. */
export type PagePreloadLink = (path: string, cookieHeader: string | undefined, status: number) => string | undefined;

/**
 * The CloudFront viewer-response function itself, made from the same code for the same build
 * (`modules`: `pageModules` of its manifest), run on the event CloudFront would give it.
 */
export function pagePreloader(modules?: PageModules): PagePreloadLink {
  const handler = new Function(`${pagePreloadCode(modules)}; return handler;`)() as (
    event: CloudFrontEvent,
  ) => CloudFrontEvent['response'];
  return (path, cookieHeader, status) =>
    handler({
      request: { uri: path, cookies: cookiesOf(cookieHeader) },
      response: { statusCode: status, headers: {} },
    }).headers.link?.value;
}
