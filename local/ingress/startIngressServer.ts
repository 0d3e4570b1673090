import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { handleSlackRequest, MAX_BODY_BYTES, type IngressDeps } from "../../src/ingress/handleSlackRequest.js";
import type { HttpResponse } from "../../src/ingress/httpMessages.js";

export interface IngressServer {
  /** e.g. http://127.0.0.1:3000 — Slack's request URL is `${url}/slack/events`. */
  url: string;
  close(): Promise<void>;
}

/** A local tool's route beside /slack/events; `readBody` reads the request's body (undefined when too large). Undefined: not found. */
export type ExtraRoute = (
  request: IncomingMessage,
  readBody: () => Promise<string | undefined>,
) => HttpResponse | undefined | Promise<HttpResponse | undefined>;

/** Looks at every request, /slack/events included, before it is routed; a response refuses it. */
export type RequestGuard = (request: IncomingMessage) => HttpResponse | undefined;

/**
 * Serves the same handler the HTTP Lambda runs, on a Node server, for `npm start`
 * and tests. `extraRoutes` lets the local tools (`npm run slash`, the playground) add routes beside it; `guard` may refuse
 * any request first.
 */
export async function startIngressServer(
  deps: IngressDeps,
  options: { port: number; host?: string; extraRoutes?: ExtraRoute; guard?: RequestGuard },
): Promise<IngressServer> {
  const server = createServer((request, response) => {
    const refusal = options.guard?.(request);
    if (refusal !== undefined) {
      // The body is not read: let the connection go with the answer.
      send(response.setHeader("connection", "close"), refusal);
      return;
    }
    void route(request, deps, options.extraRoutes).then(
      (result) => send(response, result),
      () => send(response, { statusCode: 500, headers: {}, body: "Internal error" }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address.includes(":") ? `[${address}]` : address}:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function route(request: IncomingMessage, deps: IngressDeps, extraRoutes?: ExtraRoute): Promise<HttpResponse> {
  const path = (request.url ?? "/").split("?")[0];
  if (path !== "/slack/events") {
    return (
      (await extraRoutes?.(request, () => readBody(request))) ?? {
        statusCode: 404,
        headers: {},
        body: "Not found. Slack's request URL is /slack/events.",
      }
    );
  }
  const body = await readBody(request);
  if (body === undefined) return { statusCode: 413, headers: {}, body: "Request body too large." };
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(request.headers))
    headers[name] = Array.isArray(value) ? value.join(", ") : value;
  return handleSlackRequest({ method: request.method ?? "GET", headers, body }, deps);
}

/** Stops reading past handleSlackRequest's limit, which would refuse the body anyway. */
async function readBody(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function send(response: ServerResponse, result: HttpResponse): void {
  response.writeHead(result.statusCode, result.headers).end(result.body);
}
