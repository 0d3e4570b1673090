/**
 * HTTP plumbing: reading bodies, decoding Web API requests the way Slack accepts them,
 * and writing responses.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { STATUS_CODES } from "node:http";

/** Large enough for any real message (40,000 chars of text plus 50 blocks), small enough to be safe. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

export class BodyTooLargeError extends Error {
  constructor() {
    super(`request body exceeds ${MAX_BODY_BYTES} bytes`);
  }
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError();
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export interface ApiRequest {
  args: Record<string, unknown>;
  /** Token from `Authorization: Bearer`, or from a `token` form/query field. */
  token: string | null;
  /** Set when the body cannot be decoded: Slack's `invalid_json` / `invalid_form_data`. */
  decodeError?: "invalid_json" | "invalid_form_data";
}

/** Fields that WebClient sends as JSON strings inside form bodies. */
const JSON_STRING_FIELDS = ["blocks", "attachments", "metadata"] as const;

function decodeJsonStringFields(args: Record<string, unknown>): Record<string, unknown> {
  const out = { ...args };
  for (const field of JSON_STRING_FIELDS) {
    const value = out[field];
    if (typeof value !== "string") continue;
    try {
      out[field] = JSON.parse(value) as unknown;
    } catch {
      // Leave the raw string: the method reports invalid_blocks_format / invalid_attachments.
    }
  }
  return out;
}

function bearerToken(req: IncomingMessage): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
  return match?.[1] ?? null;
}

/**
 * Decodes a Web API request. Slack accepts arguments as a query string, a form body or a JSON
 * body. With JSON bodies the token must be in the Authorization header: a `token` property in
 * the JSON is ignored, as Slack does.
 */
export function decodeApiRequest(req: IncomingMessage, url: URL, rawBody: string): ApiRequest {
  const queryArgs: Record<string, unknown> = Object.fromEntries(url.searchParams);
  // Slack refuses tokens in query strings for apps created since 2021: ignore them.
  delete queryArgs.token;
  const contentType = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  let bodyArgs: Record<string, unknown> = {};
  let formToken: string | null = null;
  let decodeError: ApiRequest["decodeError"];

  if (rawBody.length > 0 && contentType === "application/json") {
    try {
      const parsed = JSON.parse(rawBody) as unknown;
      if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
        bodyArgs = { ...(parsed as Record<string, unknown>) };
        delete bodyArgs.token;
      } else {
        decodeError = "invalid_json";
      }
    } catch {
      decodeError = "invalid_json";
    }
  } else if (rawBody.length > 0 && contentType === "application/x-www-form-urlencoded") {
    bodyArgs = Object.fromEntries(new URLSearchParams(rawBody));
  } else if (rawBody.length > 0) {
    // multipart (file uploads) and anything else: not simulated.
    decodeError = "invalid_form_data";
  }

  const merged: Record<string, unknown> = { ...queryArgs, ...bodyArgs };
  if (typeof merged.token === "string") formToken = merged.token;
  delete merged.token;

  const result: ApiRequest = { args: decodeJsonStringFields(merged), token: bearerToken(req) ?? formToken };
  if (decodeError) result.decodeError = decodeError;
  return result;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(payload),
    "Cache-Control": "no-store",
    ...headers,
  });
  res.end(payload);
}

export function sendText(res: ServerResponse, status: number, text?: string): void {
  const payload = text ?? STATUS_CODES[status] ?? String(status);
  res.writeHead(status, {
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": Buffer.byteLength(payload),
    "Cache-Control": "no-store",
  });
  res.end(payload);
}
