/**
 * Runs the page rewrite's CloudFront Function code (cloudfront-js-2.0) in Node: its
 * `import cf from 'cloudfront'` is given a key value store holding `slugs`, which answers
 * `exists` as CloudFront's does (true only for a key it holds).
 */
export type RewriteResult =
  | { uri: string }
  | { statusCode: number; statusDescription: string; headers: Record<string, { value: string }>; body: string };

export function pageRewriteHandler(code: string, slugs: string[]): (uri: string) => Promise<RewriteResult> {
  const importLine = "import cf from 'cloudfront';";
  if (!code.startsWith(importLine)) throw new Error('the page rewrite no longer starts by importing cloudfront');
  const keys = new Set(slugs);
  const cf = { kvs: () => ({ exists: async (key: string) => keys.has(key) }) };
  const handler = new Function('cf', `${code.slice(importLine.length)}; return handler;`)(cf) as (event: {
    request: { uri: string };
  }) => Promise<RewriteResult>;
  return (uri) => handler({ request: { uri } });
}
