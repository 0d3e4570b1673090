/** HTTP plumbing: replies, GitHub's error bodies, request ids, rate-limit headers. */
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

export interface Reply {
  status: number;
  /** JSON body; omitted for 204. */
  body?: unknown;
  headers?: Record<string, string>;
}

export const GENERIC_DOCS_URL = "https://docs.github.com/rest";
const MAX_BODY_BYTES = 1024 * 1024;

const DEFAULT_MESSAGES: Readonly<Record<number, string>> = {
  400: "Bad Request",
  401: "Requires authentication",
  403: "Forbidden",
  404: "Not Found",
  406: "Not Acceptable",
  409: "Conflict",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  422: "Validation Failed",
  429: "API rate limit exceeded",
  500: "Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** GitHub's basic-error body: `{message, documentation_url, status}` with status as a string. */
export function errorReply(
  status: number,
  message: string | undefined,
  documentationUrl: string,
  extra: { errors?: unknown[]; headers?: Record<string, string> } = {},
): Reply {
  const body: Record<string, unknown> = {
    message: message ?? DEFAULT_MESSAGES[status] ?? "Error",
    ...(extra.errors ? { errors: extra.errors } : {}),
    documentation_url: documentationUrl,
    status: String(status),
  };
  return { status, body, ...(extra.headers ? { headers: extra.headers } : {}) };
}

/** Ids shaped like GitHub's `x-github-request-id` (`CAFE:1A2B3C:...`), unique per response. */
export class RequestIds {
  private readonly prefix = randomBytes(2).toString("hex").toUpperCase();
  private counter = 0;

  next(now: Date): string {
    const hex = (bytes: number) => randomBytes(bytes).toString("hex").toUpperCase();
    const seq = (++this.counter).toString(16).toUpperCase().padStart(6, "0");
    const time = Math.floor(now.getTime() / 1000)
      .toString(16)
      .toUpperCase();
    return `${this.prefix}:${hex(3)}:${seq}:${hex(3)}:${time}`;
  }
}

const RATE_LIMIT_WINDOW_MS = 60 * 60 * 1000;

/** Per-credential `x-ratelimit-*` accounting (headers only; limits are not enforced). */
export class RateLimits {
  private readonly windows = new Map<string, { resetAt: number; used: number }>();

  headers(key: string, authenticated: boolean, now: Date): Record<string, string> {
    const limit = authenticated ? 5000 : 60;
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now.getTime()) {
      window = { resetAt: now.getTime() + RATE_LIMIT_WINDOW_MS, used: 0 };
      this.windows.set(key, window);
    }
    window.used += 1;
    return {
      "x-ratelimit-limit": String(limit),
      "x-ratelimit-remaining": String(Math.max(0, limit - window.used)),
      "x-ratelimit-reset": String(Math.floor(window.resetAt / 1000)),
      "x-ratelimit-used": String(window.used),
      "x-ratelimit-resource": "core",
    };
  }
}

/** Reads the request body (up to 1 MiB; the rest is drained and dropped). */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export function sendReply(res: ServerResponse, reply: Reply, headers: Record<string, string>, now: Date): void {
  if (res.destroyed) return;
  const payload = reply.body === undefined || reply.status === 204 ? undefined : JSON.stringify(reply.body);
  res.statusCode = reply.status;
  res.setHeader("date", now.toUTCString());
  res.setHeader("server", "github.com");
  res.setHeader("x-github-api-version-selected", "2022-11-28");
  res.setHeader("x-github-media-type", "github.v3; format=json");
  for (const [name, value] of Object.entries({ ...headers, ...reply.headers })) res.setHeader(name, value);
  if (payload === undefined) {
    res.end();
    return;
  }
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.setHeader("content-length", Buffer.byteLength(payload));
  res.end(payload);
}
