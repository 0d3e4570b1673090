/**
 * Dispatches one Web API call: injected faults first, then method lookup, body decoding,
 * authentication and the method itself. Every call is recorded in `state.calls`.
 */
import { STATUS_CODES } from "node:http";
import { compact, failure } from "./apiResult.js";
import type { ApiResult, MethodHandler } from "./apiResult.js";
import { chatMethods } from "./chatMethods.js";
import type { ApiRequest } from "./http.js";
import type { SlackSimState } from "./state.js";
import type { SlackFailure } from "./types.js";
import { workspaceMethods } from "./workspaceMethods.js";

const METHODS: Readonly<Record<string, MethodHandler>> = { ...chatMethods, ...workspaceMethods };

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
  let result: ApiResult;
  if (!handler) result = failure("unknown_method");
  else if (request.decodeError) result = failure(request.decodeError);
  else result = authenticate(request, state) ?? handler(request.args, state);

  record(result.ok, result.error);
  // Slack answers platform errors with HTTP 200 and ok:false.
  return { status: 200, json: result };
}
