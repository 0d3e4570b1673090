/**
 * The HTTP routes:
 *   POST|GET /api/<method>       Slack Web API
 *   POST     /response/<id>      response URLs
 *   GET      /_sim/messages      channel messages with their threads (?channel=C... to filter)
 *   GET      /_sim/ephemerals    ephemeral messages (?channel=C... to filter)
 *   GET      /_sim/responses     response URL posts
 *   GET      /_sim/calls         Web API calls, tokens redacted
 * The /_sim views are read-only, for tools in another process (the browser playground).
 */
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { BodyTooLargeError, decodeApiRequest, readBody, sendJson, sendText } from "./http.js";
import type { ResponseUrlRegistry } from "./responseUrls.js";
import { handleResponseUrlPost } from "./responseUrls.js";
import type { SlackSimState } from "./state.js";
import type { ResponseUrlPost } from "./types.js";
import type { HttpAnswer } from "./webApi.js";
import { handleApiCall } from "./webApi.js";

export interface ServerDeps {
  state: SlackSimState;
  registry: ResponseUrlRegistry;
  responses: ResponseUrlPost[];
}

function writeAnswer(res: ServerResponse, answer: HttpAnswer): void {
  if (answer.json !== undefined) sendJson(res, answer.status, answer.json, answer.headers);
  else sendText(res, answer.status, answer.text);
}

function contentTypeOf(req: IncomingMessage): string {
  return (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/** Shows enough of a token to tell tokens apart without publishing it. */
function redactToken(token: string | null): string | null {
  return token === null ? null : `${token.slice(0, 5)}...(${token.length} chars)`;
}

function simView(path: string, url: URL, deps: ServerDeps): unknown {
  const { state, responses } = deps;
  const channel = url.searchParams.get("channel") ?? undefined;
  switch (path) {
    case "/_sim/messages":
      return {
        messages: state.topLevel(channel).map((m) => ({ ...m, replies: state.replies(m.channel, m.ts) })),
        orphan_replies: state.orphanReplies().filter((m) => channel === undefined || m.channel === channel),
      };
    case "/_sim/ephemerals":
      return { ephemerals: state.ephemerals(channel) };
    case "/_sim/responses":
      return { responses };
    case "/_sim/calls":
      return { calls: state.calls.map((c) => ({ ...c, token: redactToken(c.token) })) };
    default:
      return undefined;
  }
}

async function route(req: IncomingMessage, res: ServerResponse, deps: ServerDeps): Promise<void> {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const path = url.pathname;
  const method = req.method ?? "GET";

  const apiMatch = /^\/api\/([A-Za-z0-9_.]+)$/.exec(path);
  if (apiMatch?.[1]) {
    if (method !== "POST" && method !== "GET") return sendText(res, 405);
    const request = decodeApiRequest(req, url, await readBody(req));
    return writeAnswer(res, handleApiCall(apiMatch[1], request, deps.state));
  }

  const responseMatch = /^\/response\/([A-Za-z0-9_-]+)$/.exec(path);
  if (responseMatch?.[1]) {
    if (method !== "POST") return sendText(res, 405);
    const rawBody = await readBody(req);
    const answer = handleResponseUrlPost(
      responseMatch[1],
      rawBody,
      contentTypeOf(req),
      deps.state,
      deps.registry,
      deps.responses,
    );
    return writeAnswer(res, answer);
  }

  if (path.startsWith("/_sim/")) {
    if (method !== "GET") return sendText(res, 405);
    const view = simView(path, url, deps);
    return view === undefined ? sendText(res, 404) : sendJson(res, 200, view);
  }

  return sendText(res, 404);
}

export function createSimServer(deps: ServerDeps): Server {
  return createServer((req, res) => {
    route(req, res, deps).catch((err: unknown) => {
      if (res.headersSent) {
        res.destroy();
      } else if (err instanceof BodyTooLargeError) {
        res.setHeader("Connection", "close"); // the rest of the body is not read
        sendText(res, 413, err.message);
      } else {
        sendText(res, 500, `slack simulator error: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
  });
}
