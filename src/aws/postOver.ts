// Small POSTs to AWS APIs for the HTTP function, which can afford neither the AWS SDK nor fetch (see createLambdaHandOff.ts).
import type { Socket } from "node:net";
import type { ConnectionOptions } from "node:tls";
import { HttpExchangeError } from "../errors.js";
import { signAwsRequest, type AwsCredentials } from "./signAwsRequest.js";
import { createHttpResponseReader, type ReceivedResponse } from "./createHttpResponseReader.js";

export interface Send {
  (headers: Record<string, string>, body: string, timeoutMs: number): Promise<{ status: number; body: string }>;
  /**
   * Opens a connection now, unless one is kept, and returns at once; the next call uses it. node:net starts connecting
   * on the next tick, so the TCP and TLS handshakes proceed whenever the caller next waits for I/O. A failed
   * connection is simply not used.
   */
  warm(): void;
}

export interface PostOptions {
  /** Keep the connection for the next request (the hand-off posts on every Slack request); false for one-off calls at start-up. Default true. */
  keepAlive?: boolean;
  /** Extra certificate authorities for https endpoints, as PEM; tests' self-signed servers. Default: Node's bundled CAs. */
  ca?: string;
}

/** Largest response read; AWS answers these calls in well under 1 KiB. */
const MAX_RESPONSE_BYTES = 1024 * 1024;
/**
 * A kept connection idle longer than this is closed rather than reused: after a Lambda freeze the server may
 * have dropped it without our noticing, and a POST on a dead connection fails. Node's own agents use 4-5 s.
 */
export const IDLE_REUSE_MS = 4000;

/**
 * POSTs to one URL with a minimal HTTP/1.1 client over node:net / node:tls, written here instead of using node:http
 * because of the cold-start budget: node:http's first request costs the HTTP function about 4.5 ms more, a third
 * of what `npm run bench` allows it over an empty Node process (README, "Speed"). It sends one request per
 * connection at a time, keeps one idle connection for the next call, and reads the response with
 * createHttpResponseReader. node:tls is loaded only for https endpoints, at the first call.
 */
export function postOver(url: URL, { keepAlive = true, ca }: PostOptions = {}): Send {
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new HttpExchangeError(`Only http: and https: endpoints are supported, not ${url.protocol}`);
  const secure = url.protocol === "https:";
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const port = Number(url.port || (secure ? 443 : 80));
  const target = `${url.pathname}${url.search}`;
  let connector: (() => Socket) | undefined;
  let idle: { socket: Socket; since: number; drop: () => void } | undefined;

  // getBuiltinModule rather than import(): see src/node/crypto.ts.
  const open = (): Socket => {
    connector ??= secure ? tlsConnector(host, port, ca) : () => process.getBuiltinModule("node:net").connect({ host, port });
    const socket = connector();
    // For its whole life: an error can come between two owners (after an exchange settles, before the socket is
    // kept or destroyed; TLS reports one in the same read as a response's last bytes), and with no listener it
    // would be thrown. An exchange in progress hears it through its own listener.
    return socket.on("error", () => socket.destroy());
  };
  const takeIdle = (): Socket | undefined => {
    const kept = idle;
    idle = undefined;
    if (kept === undefined) return undefined;
    kept.socket.off("data", kept.drop).off("end", kept.drop);
    if (kept.socket.destroyed || Date.now() - kept.since > IDLE_REUSE_MS) return void kept.socket.destroy();
    return kept.socket.ref();
  };
  const keep = (socket: Socket) => {
    if (idle !== undefined) return void socket.destroy();
    // While idle, any bytes or a close from the server just drop it; unref so a kept connection never holds the process open.
    const drop = () => void socket.destroy();
    socket.on("data", drop).on("end", drop).unref();
    idle = { socket, since: Date.now(), drop };
  };

  const send = async (headers: Record<string, string>, body: string, timeoutMs: number) => {
    const request = serialise(url, target, headers, body, keepAlive);
    const socket = takeIdle() ?? open();
    const response = await exchange(socket, request, timeoutMs);
    if (keepAlive && response.reusable) keep(socket);
    else socket.destroy();
    return { status: response.status, body: response.body.toString("utf8") };
  };
  return Object.assign(send, { warm: () => void (idle === undefined && keep(open())) });
}

/** node:tls checks the certificate against `host` and sends it as SNI unless it is an IP address. */
function tlsConnector(host: string, port: number, ca: string | undefined): () => Socket {
  const { connect } = process.getBuiltinModule("node:tls");
  const options: ConnectionOptions = { host, port, ALPNProtocols: ["http/1.1"], ...(ca === undefined ? {} : { ca }) };
  return () => connect(options);
}

/** Like postOver, with each request signed (SigV4) for `service` at the moment it is sent. */
export function signedPostOver(url: URL, signing: { service: string; region: string; credentials: AwsCredentials } & PostOptions): Send {
  const send = postOver(url, signing);
  const signed = (headers: Record<string, string>, body: string, timeoutMs: number) =>
    send(signAwsRequest({ method: "POST", url, headers, body, service: signing.service, region: signing.region, credentials: signing.credentials, now: new Date() }), body, timeoutMs);
  return Object.assign(signed, { warm: send.warm });
}

function serialise(url: URL, target: string, headers: Record<string, string>, body: string, keepAlive: boolean): Buffer {
  const fields: Record<string, string> = { host: url.host, ...headers, "content-length": String(Buffer.byteLength(body)), connection: keepAlive ? "keep-alive" : "close" };
  let head = `POST ${target} HTTP/1.1\r\n`;
  for (const [name, value] of Object.entries(fields)) {
    // Values are ours (signed AWS headers), but anything beyond a token name and visible latin1 text could split
    // the request (latin1 keeps only the low byte: U+010D U+010A would go out as CR LF): refuse rather than send.
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) || !/^[\t\x20-\x7e\x80-\xff]*$/.test(value)) {
      throw new HttpExchangeError(`The request header ${JSON.stringify(name.slice(0, 40))} has a name or value that cannot be sent as is.`);
    }
    head += `${name}: ${value}\r\n`;
  }
  return Buffer.concat([Buffer.from(`${head}\r\n`, "latin1"), Buffer.from(body, "utf8")]);
}

/** Writes one request and reads its response; any failure destroys the socket. `timeoutMs` covers connecting too. */
function exchange(socket: Socket, request: Buffer, timeoutMs: number): Promise<ReceivedResponse> {
  return new Promise((resolve, reject) => {
    const reader = createHttpResponseReader(MAX_RESPONSE_BYTES);
    const settle = (outcome: () => ReceivedResponse) => {
      clearTimeout(timer);
      // Only our own listeners: net.Socket and TLSSocket keep internal ones.
      socket.off("data", onData).off("end", onEnd).off("close", onClose).off("error", onError);
      try {
        resolve(outcome());
      } catch (error) {
        socket.destroy();
        reject(error instanceof HttpExchangeError ? error : new HttpExchangeError(String(error), { cause: error }));
      }
    };
    const fail = (message: string, cause?: unknown) =>
      settle(() => {
        throw new HttpExchangeError(message, cause === undefined ? undefined : { cause });
      });
    const onData = (chunk: Buffer) => {
      try {
        const response = reader.push(chunk);
        if (response !== undefined) settle(() => response);
      } catch (error) {
        settle(() => {
          throw error;
        });
      }
    };
    const onEnd = () => settle(() => reader.end());
    const onClose = () => fail("The connection closed before a response arrived.");
    const onError = (error: NodeJS.ErrnoException) => fail(`The connection failed (${error.code ?? error.message}).`, error);
    const timer = setTimeout(() => fail(`No complete response within ${timeoutMs} ms.`), timeoutMs);
    socket.on("data", onData).once("end", onEnd).once("close", onClose).once("error", onError);
    socket.write(request);
  });
}
