/** Shapes and helpers shared by the Web API method handlers. */
import type { SlackSimState } from "./state.js";

/** A Web API answer body: always HTTP 200, `ok` says whether it worked. */
export interface ApiResult {
  ok: boolean;
  error?: string;
  [key: string]: unknown;
}

export type MethodHandler = (args: Record<string, unknown>, state: SlackSimState) => ApiResult;

export function failure(error: string, messages?: string[]): ApiResult {
  return messages && messages.length > 0 ? { ok: false, error, response_metadata: { messages } } : { ok: false, error };
}

/**
 * Slack's answer to blocks it refuses: the problems twice, bare in `errors` and with "[ERROR] " in
 * `response_metadata.messages` (see ./blockKit.ts for where that shape is documented).
 */
export function invalidBlocks(messages: string[]): ApiResult {
  return {
    ok: false,
    error: "invalid_blocks",
    errors: messages.map((message) => message.replace(/^\[ERROR\] /, "")),
    response_metadata: { messages },
  };
}

/** Slack's answer to a missing required argument that has no more specific error. */
export function missingArgument(name: string): ApiResult {
  return failure("invalid_arguments", [`[ERROR] missing required field: ${name}`]);
}

/** A non-empty string argument (numbers accepted, as form bodies do not type values). */
export function stringArg(args: Record<string, unknown>, name: string): string | undefined {
  const value = args[name];
  if (typeof value === "number") return String(value);
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

/** Copies `obj` without its undefined-valued keys, so stored data and JSON stay tidy. */
export function compact<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

/** Slack's answer when the token lacks the scope a method needs: the scope needed and the token's scopes. */
export function missingScope(needed: string, state: SlackSimState): ApiResult {
  return { ok: false, error: "missing_scope", needed, provided: state.scopeList() };
}
