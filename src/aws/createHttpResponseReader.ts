import { HttpExchangeError } from "../errors.js";

/** One response as read off a connection. Header names are lower-case; repeated headers are joined with ", ". */
export interface ReceivedResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** Whether the connection may carry another request: HTTP/1.1, no `connection: close`, body not ended by closing. */
  reusable: boolean;
}

export interface HttpResponseReader {
  /** Feeds the bytes that arrived; returns the response once it is complete. */
  push(chunk: Buffer): ReceivedResponse | undefined;
  /** The server closed the connection: returns a body delimited by the close, or throws if the response was cut short. */
  end(): ReceivedResponse;
}

/** Longest status line plus headers accepted; AWS's are well under 2 KiB. */
const MAX_HEAD_BYTES = 16 * 1024;
/** Longest chunk-size or trailer line accepted. */
const MAX_LINE_BYTES = 1024;

type Framing = { kind: "length"; remaining: number } | { kind: "chunked"; step: "size" | "data" | "data-end" | "trailers"; remaining: number } | { kind: "close" };
type Head = Omit<ReceivedResponse, "body">;

/**
 * Reads one HTTP/1.1 response (RFC 9112) as its bytes arrive, for postOver's own client (postOver.ts says why
 * it is not node:http). The body is delimited by Content-Length, by chunked coding, or by the close (§6.3);
 * interim 1xx responses are skipped. Anything malformed, or a body over `maxBodyBytes`, throws HttpExchangeError.
 */
export function createHttpResponseReader(maxBodyBytes: number): HttpResponseReader {
  let pending: Buffer = Buffer.alloc(0);
  let head: Head | undefined;
  let framing: Framing = { kind: "close" };
  const body: Buffer[] = [];
  let bodyBytes = 0;

  const takeBody = (count: number) => {
    bodyBytes += count;
    if (bodyBytes > maxBodyBytes) throw new HttpExchangeError(`The response body is larger than ${maxBodyBytes} bytes.`);
    body.push(pending.subarray(0, count));
    pending = pending.subarray(count);
  };
  const takeLine = (): string | undefined => {
    const end = pending.indexOf("\r\n");
    if (end < 0 && pending.length > MAX_LINE_BYTES) throw new HttpExchangeError("A chunk-size or trailer line is too long.");
    if (end < 0) return undefined;
    const line = pending.subarray(0, end).toString("latin1");
    pending = pending.subarray(end + 2);
    return line;
  };
  // A response that arrived with more bytes behind it (we never pipeline) leaves the connection in an unknown state.
  const complete = (): ReceivedResponse => ({ ...head!, reusable: head!.reusable && framing.kind !== "close" && pending.length === 0, body: Buffer.concat(body) });

  return {
    push(chunk) {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      for (;;) {
        if (head === undefined) {
          const end = pending.indexOf("\r\n\r\n");
          if (end < 0 && pending.length > MAX_HEAD_BYTES) throw new HttpExchangeError(`The response head is larger than ${MAX_HEAD_BYTES} bytes.`);
          if (end < 0) return undefined;
          const parsed = parseHead(pending.subarray(0, end).toString("latin1"));
          pending = pending.subarray(end + 4);
          if (parsed.status < 200) continue; // 1xx: interim, the real response follows
          head = parsed;
          framing = framingOf(parsed);
        }
        if (framing.kind === "close") {
          takeBody(pending.length);
          return undefined;
        }
        if (framing.kind === "length") {
          const count = Math.min(framing.remaining, pending.length);
          takeBody(count);
          framing.remaining -= count;
          return framing.remaining === 0 ? complete() : undefined;
        }
        if (!readChunked(framing)) return undefined;
        return complete();
      }
    },
    end() {
      if (head !== undefined && framing.kind === "close") return complete();
      throw new HttpExchangeError(head === undefined ? "The connection closed before a response arrived." : "The connection closed before the response body was complete.");
    },
  };

  /** Advances through chunked coding (RFC 9112 §7.1); true once the last chunk and trailers are read. */
  function readChunked(state: Extract<Framing, { kind: "chunked" }>): boolean {
    for (;;) {
      if (state.step === "size") {
        const line = takeLine();
        if (line === undefined) return false;
        const size = /^([0-9a-fA-F]{1,8})[ \t]*(?:;.*)?$/.exec(line)?.[1];
        if (size === undefined) throw new HttpExchangeError("A chunk size is malformed.");
        state.remaining = parseInt(size, 16);
        state.step = state.remaining === 0 ? "trailers" : "data";
      } else if (state.step === "data") {
        if (pending.length === 0) return false;
        const count = Math.min(state.remaining, pending.length);
        takeBody(count);
        state.remaining -= count;
        if (state.remaining === 0) state.step = "data-end";
      } else if (state.step === "data-end") {
        if (pending.length < 2) return false;
        if (pending[0] !== 13 || pending[1] !== 10) throw new HttpExchangeError("A chunk is not followed by CRLF.");
        pending = pending.subarray(2);
        state.step = "size";
      } else {
        const line = takeLine();
        if (line === undefined) return false;
        if (line === "") return true; // trailer fields, if any, are skipped: we need none
      }
    }
  }
}

function parseHead(text: string): Head {
  const [statusLine = "", ...lines] = text.split("\r\n");
  const status = /^HTTP\/1\.([01]) ([1-9]\d\d)(?: .*)?$/.exec(statusLine);
  if (!status) throw new HttpExchangeError(`The response does not start with an HTTP/1.x status line (got ${JSON.stringify(statusLine.slice(0, 40))}).`);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const field = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/.exec(line);
    if (!field) throw new HttpExchangeError("A response header line is malformed.");
    const name = field[1]!.toLowerCase();
    headers[name] = headers[name] === undefined ? field[2]! : `${headers[name]}, ${field[2]}`;
  }
  const closes = /(?:^|,)\s*close\s*(?:,|$)/i.test(headers.connection ?? "");
  // Both framings at once is a sign of smuggling; RFC 9112 §6.3 has the connection closed after such a response.
  const ambiguous = headers["transfer-encoding"] !== undefined && headers["content-length"] !== undefined;
  return { status: Number(status[2]), headers, reusable: status[1] === "1" && !closes && !ambiguous };
}

/** RFC 9112 §6.3: how the body's end is known. */
function framingOf(head: Head): Framing {
  if (head.status === 204 || head.status === 304) return { kind: "length", remaining: 0 };
  const coding = head.headers["transfer-encoding"];
  if (coding !== undefined) return /(?:^|,)\s*chunked\s*$/i.test(coding) ? { kind: "chunked", step: "size", remaining: 0 } : { kind: "close" };
  const length = head.headers["content-length"];
  if (length === undefined) return { kind: "close" };
  // Repeated identical values ("12, 12") are allowed; anything else is refused rather than guessed at.
  const values = new Set(length.split(",").map((value) => value.trim()));
  const [only] = values;
  if (values.size !== 1 || !/^\d{1,15}$/.test(only!)) throw new HttpExchangeError(`The response's Content-Length is malformed (${JSON.stringify(length.slice(0, 40))}).`);
  return { kind: "length", remaining: Number(only) };
}
