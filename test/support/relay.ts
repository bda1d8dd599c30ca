import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Answers with a stand-in's response as fetch gave it (the test proxies in front of DynamoDB Local and SES). */
export async function passOn(res: ServerResponse, upstream: Response): Promise<void> {
  // fetch has decoded the body already: its length and encoding are the stand-in's no more.
  const passed = [...upstream.headers].filter(
    ([name]) => !['content-encoding', 'content-length', 'transfer-encoding'].includes(name),
  );
  res.writeHead(upstream.status, Object.fromEntries(passed));
  res.end(Buffer.from(await upstream.arrayBuffer()));
}

/** Starts the proxy on a free local port and gives its endpoint. */
export async function listenLocally(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}
