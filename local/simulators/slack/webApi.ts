/**
 * Dispatches one Web API call: injected faults first, then method lookup, body decoding,
 * authentication and the method itself. Every call is recorded in `state.calls`.
 */
import { STATUS_CODES } from "node:http";
import { compact, failure, missingScope } from "./apiResult.js";
import type { ApiResult, MethodHandler } from "./apiResult.js";
import { chatMethods } from "./chatMethods.js";
import type { ApiRequest } from "./http.js";
import type { SlackSimState } from "./state.js";
import type { SlackFailure } from "./types.js";
import { workspaceMethods } from "./workspaceMethods.js";

const METHODS: Readonly<Record<string, MethodHandler>> = { ...chatMethods, ...workspaceMethods };

/** The bot scope each method needs (conversations.info checks its own: it depends on the channel). */
const METHOD_SCOPES: Readonly<Record<string, string>> = {
  "chat.postMessage": "chat:write",
  "chat.postEphemeral": "chat:write",
  "chat.update": "chat:write",
  "usergroups.users.list": "usergroups:read",
};

export const SUPPORTED_METHODS: readonly string[] = Object.keys(METHODS);

/** What to write back: a JSON or plain-text body with a status and extra headers. */
export interface HttpAnswer {
  status: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

/** The HTTP answer for an injected fault, and the error code recorded for it. */
export function faultAnswer(fault: SlackFailure): { answer: HttpAnswer; error: string } {
  if ("error" in fault) {
    return { answer: { status: 200, json: { ok: false, error: fault.error } }, error: fault.error };
  }
  if (fault.status === 429) {
    // Slack's 429s carry Retry-After (seconds); WebClient reads it to decide how long to wait.
    const headers: Record<string, string> = "retryAfter" in fault ? { "Retry-After": String(fault.retryAfter) } : {};
    return { answer: { status: 429, json: { ok: false, error: "ratelimited" }, headers }, error: "ratelimited" };
  }
  return {
    answer: { status: fault.status, text: STATUS_CODES[fault.status] ?? `HTTP ${fault.status}` },
    error: `http_${fault.status}`,
  };
}

function authenticate(request: ApiRequest, state: SlackSimState): ApiResult | undefined {
  if (request.token === null) return failure("not_authed");
  if (request.token !== state.identity.botToken) return failure("invalid_auth");
  return undefined;
}

export function handleApiCall(method: string, request: ApiRequest, state: SlackSimState): HttpAnswer {
  const at = state.now();
  const record = (ok: boolean, error?: string): void => {
    state.calls.push(compact({ method, args: request.args, token: request.token, at, ok, error }));
  };

  const fault = state.takeFault(method);
  if (fault) {
    const { answer, error } = faultAnswer(fault);
    record(false, error);
    return answer;
  }

  const handler = METHODS[method];
  const needed = METHOD_SCOPES[method];
  const refused = authenticate(request, state);
  let result: ApiResult;
  if (!handler) result = failure("unknown_method");
  else if (request.decodeError) result = failure(request.decodeError);
  else if (refused) result = refused;
  else if (needed && !state.hasScope(needed)) result = missingScope(needed, state);
  else result = handler(request.args, state);

  record(result.ok, result.error);
  // Slack answers platform errors with HTTP 200 and ok:false; a known token's answers list its scopes.
  const headers: Record<string, string> = refused ? {} : { "x-oauth-scopes": state.scopeList() };
  if (needed && !refused) headers["x-accepted-oauth-scopes"] = needed;
  return { status: 200, json: result, headers };
}
