// POSTs to AWS APIs for the HTTP function, which can afford neither the AWS SDK nor fetch (see createLambdaHandOff.ts).
import type { Agent, IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { HttpExchangeError } from "../errors.js";

/** One POST to the URL the Post was made for; `timeoutMs` covers everything, from waiting for a connection to the body's last byte. */
export type Post = (
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
) => Promise<{ status: number; body: string }>;

export interface PostOptions {
  /** Keep the connection for the next request (the hand-off posts on every Slack request); false for one-off calls at start-up. Default true. */
  keepAlive?: boolean;
  /** Extra certificate authorities for https endpoints, as PEM; tests' self-signed servers. Default: Node's bundled CAs. */
  ca?: string;
}

/** Largest response read; AWS answers these calls in well under 1 KiB. */
const MAX_RESPONSE_BYTES = 1024 * 1024;
/**
 * A kept connection idle this long is closed rather than reused: after a Lambda freeze the server may have dropped
 * it without our noticing, and a POST on a dead connection fails or hangs. Checked against the clock when a request
 * is made, because after a thaw the request can come before any timer has run. Node closes sooner if the server's
 * Keep-Alive header asks for it.
 */
export const IDLE_REUSE_MS = 4000;
/**
 * A Lambda container handles one request at a time, so one connection is normally all there is; a few more let a
 * try open a fresh connection while one given up on is still closing.
 */
const MAX_SOCKETS = 4;

/** One keep-alive agent per protocol for the whole process, made at the first request so neither module is loaded unless used. */
const agents: { "http:"?: Agent; "https:"?: Agent } = {};
/** When each connection last finished a response. */
const lastUsed = new WeakMap<Socket, number>();

/** Node skips a destroyed idle socket only at the head of its list, so each agent keeps one idle socket at most (maxFreeSockets). */
function closeStale(agent: Agent): void {
  for (const sockets of Object.values(agent.freeSockets)) {
    for (const socket of sockets ?? []) if (Date.now() - (lastUsed.get(socket) ?? 0) > IDLE_REUSE_MS) socket.destroy();
  }
}

/**
 * POSTs to one URL with node:https (node:http for the local stand-ins on 127.0.0.1), through a process-wide
 * keep-alive agent. It never sends a request twice: a connection that fails after the request may have gone out
 * is an HttpExchangeError, and whether to try again is the caller's decision (a Lambda Invoke is not idempotent).
 * The modules are taken with process.getBuiltinModule at the first call rather than imported, so the local stand-ins'
 * http endpoints never load node:tls (1-2 ms of the cold start `npm run bench` measures; none in Lambda, whose
 * endpoints are https).
 */
export function createPost(url: URL, { keepAlive = true, ca }: PostOptions = {}): Post {
  const protocol = url.protocol;
  if (protocol !== "http:" && protocol !== "https:")
    throw new HttpExchangeError(`Only http: and https: endpoints are supported, not ${protocol}`);

  return (headers, body, timeoutMs) =>
    new Promise((resolve, reject) => {
      const http = process.getBuiltinModule(protocol === "https:" ? "node:https" : "node:http");
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        outcome();
      };
      const fail = (message: string, cause?: unknown) =>
        settle(() => reject(new HttpExchangeError(message, cause === undefined ? undefined : { cause })));
      // Node's errors name a code (ECONNREFUSED, ERR_TLS_CERT_ALTNAME_INVALID…); the message is only a fallback.
      const code = (error: NodeJS.ErrnoException) => error.code ?? error.message;

      let agent: Agent | false = false;
      if (keepAlive) {
        agent = agents[protocol] ??= new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS, maxFreeSockets: 1 });
        closeStale(agent);
      }
      let request: ReturnType<typeof http.request>;
      try {
        request = http.request(url, {
          method: "POST",
          headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
          agent,
          ...(ca === undefined ? {} : { ca }),
        });
      } catch (error) {
        // Node refuses a header name or value that could split the request (ERR_INVALID_CHAR, ERR_INVALID_HTTP_TOKEN).
        return reject(
          new HttpExchangeError(
            `A request header has a name or value that cannot be sent as is (${code(error as NodeJS.ErrnoException)}).`,
            { cause: error },
          ),
        );
      }
      // Destroying the request destroys its connection, which is then never reused: a late answer can't be read as the next one's.
      const timer = setTimeout(() => {
        fail(`No complete response within ${timeoutMs} ms.`);
        request.destroy();
      }, timeoutMs);

      request.on("error", (error: NodeJS.ErrnoException) =>
        fail(`The connection failed before a response arrived (${code(error)}).`, error),
      );
      request.on("response", (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_RESPONSE_BYTES) return void chunks.push(chunk);
          fail(`The response body is larger than ${MAX_RESPONSE_BYTES} bytes.`);
          request.destroy();
        });
        response.on("end", () => {
          if (request.socket !== null) lastUsed.set(request.socket, Date.now());
          settle(() => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        });
        response.on("error", (error: NodeJS.ErrnoException) =>
          fail(`The connection failed before the response was complete (${code(error)}).`, error),
        );
        // 'close' without 'end': the body was cut short (a settled exchange ignores this).
        response.on("close", () => fail("The connection closed before the response was complete."));
      });
      request.end(body);
    });
}
