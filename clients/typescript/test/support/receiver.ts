// A provider's webhook endpoint on 127.0.0.1 for the live tests: records every POST (raw body and headers)
// and answers 204. The server under test is started with EBILL_WEBHOOK_ALLOW_PRIVATE=true to reach it.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface Delivery {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Receiver {
  url: string;
  /** The next delivery not yet taken (waits for it). */
  next(timeoutMs?: number): Promise<Delivery>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const queue: Delivery[] = [];
  const waiting: ((d: Delivery) => void)[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const delivery = { path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) };
    const waiter = waiting.shift();
    if (waiter) waiter(delivery);
    else queue.push(delivery);
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/ebill/events`,
    next(timeoutMs = 15_000) {
      const queued = queue.shift();
      if (queued) return Promise.resolve(queued);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(got), 1);
          reject(new Error(`no webhook within ${timeoutMs} ms`));
        }, timeoutMs);
        const got = (d: Delivery) => {
          clearTimeout(timer);
          resolve(d);
        };
        waiting.push(got);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
