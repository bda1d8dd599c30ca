import { pagePreloadCode } from '../http/page-preload.ts';

type CloudFrontEvent = {
  request: { uri: string; cookies: Record<string, { value: string }> };
  response: { statusCode: number; headers: Record<string, { value: string }> };
};

/** The CloudFront viewer-response function itself, run on the event CloudFront would give it. */
const handler = new Function(`${pagePreloadCode}; return handler;`)() as (event: CloudFrontEvent) => CloudFrontEvent['response'];

/** The cookies of a Cookie header, as CloudFront hands them to a function. */
function cookiesOf(header: string | undefined): CloudFrontEvent['request']['cookies'] {
  const cookies: CloudFrontEvent['request']['cookies'] = {};
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) cookies[part.slice(0, at).trim()] = { value: part.slice(at + 1).trim() };
  }
  return cookies;
}

/** The `Link` header CloudFront's page-preload function adds to this page response, if any. */
export function pagePreloadLink(path: string, cookieHeader: string | undefined, status: number): string | undefined {
  const response = handler({
    request: { uri: path, cookies: cookiesOf(cookieHeader) },
    response: { statusCode: status, headers: {} },
  });
  return response.headers.link?.value;
}
