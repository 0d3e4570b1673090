// With Slack simulated, this server signs and acts as any simulated user, with the developer's GitHub credential
// when GitHub is real. A web page the developer happens to visit can point its own name at 127.0.0.1 (DNS rebinding)
// and then read and post here as if same-origin; its requests still carry its name in Host. A cross-site page that
// posts here directly gives itself away in Origin. So only requests addressed to this server by its own address get in.
import type { IncomingMessage } from "node:http";
import { textResponse, type HttpResponse } from "../../src/ingress/httpMessages.js";

/** 403 unless Host is this server's own `address:port` or `localhost:port`, and Origin, when sent, is `http://` one of those. */
export function refuseForeignHost(request: IncomingMessage): HttpResponse | undefined {
  const { localAddress = "", localPort } = request.socket;
  const address = localAddress.replace(/^::ffff:/, "");
  const own = [`${address.includes(":") ? `[${address}]` : address}:${localPort}`, `localhost:${localPort}`];
  const host = request.headers.host?.toLowerCase();
  const origin = request.headers.origin?.toLowerCase();
  if (
    host !== undefined &&
    own.includes(host) &&
    (origin === undefined || own.some((name) => origin === `http://${name}`))
  )
    return undefined;
  return textResponse(
    403,
    `Refused: with Slack simulated, this server answers only requests addressed to ${own.map((name) => `http://${name}`).join(" or ")}, which this request's Host or Origin header is not. Open the playground at one of those addresses.`,
  );
}
