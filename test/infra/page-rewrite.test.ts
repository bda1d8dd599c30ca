import { describe, expect, it } from 'vitest';
import { pageRewriteCode } from '../../infra/constructs/page-rewrite.ts';

type Handler = (event: { request: { uri: string } }) => { uri: string };
const handler = new Function(`${pageRewriteCode}; return handler;`)() as Handler;
const rewrite = (uri: string) => handler({ request: { uri } }).uri;

describe('the CloudFront page rewrite', () => {
  it.each(['/', '/t/it-mk', '/t/it-mk/', '/t/it-mk/verify', '/t/northgate-it/requests/new'])(
    'serves index.html for %s',
    (uri) => {
      expect(rewrite(uri)).toBe('/index.html');
    },
  );

  it.each(['/index.html', '/assets/index-abc123.js', '/favicon.svg', '/t/it-mk/logo.svg', '/t/IT_MK', '/robots.txt'])(
    'leaves %s alone',
    (uri) => {
      expect(rewrite(uri)).toBe(uri);
    },
  );
});
