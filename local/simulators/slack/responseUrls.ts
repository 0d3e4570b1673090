/**
 * response_url endpoints. Like Slack's, each URL accepts 5 posts within 30 minutes of being
 * issued, answers 200 "ok", and refuses later posts with 404 "used_url" / "expired_url". Blocks
 * are held to Block Kit's limits (./blockKit.ts); a refused post does not use the URL up.
 * https://docs.slack.dev/interactivity/handling-user-interaction#message_responses
 */
import { randomBytes } from "node:crypto";
import { validateBlocks } from "./blockKit.js";
import type { SlackSimState } from "./state.js";
import type { ResponseUrlPost } from "./types.js";
import type { HttpAnswer } from "./webApi.js";
import { faultAnswer } from "./webApi.js";

export const RESPONSE_URL_MAX_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;
/** Use `failNext(RESPONSE_URL_FAULT_KEY, ...)` to make response URL posts fail. */
export const RESPONSE_URL_FAULT_KEY = "response_url";

type Verdict = "usable" | "no_service" | "used_url" | "expired_url";

export class ResponseUrlRegistry {
  private readonly issued = new Map<string, { createdAt: number; uses: number }>();

  constructor(private readonly now: () => number) {}

  issue(): string {
    const id = randomBytes(12).toString("hex");
    this.issued.set(id, { createdAt: this.now(), uses: 0 });
    return id;
  }

  check(id: string): Verdict {
    const entry = this.issued.get(id);
    if (!entry) return "no_service";
    if (this.now() - entry.createdAt > RESPONSE_URL_TTL_MS) return "expired_url";
    if (entry.uses >= RESPONSE_URL_MAX_USES) return "used_url";
    return "usable";
  }

  consume(id: string): void {
    const entry = this.issued.get(id);
    if (entry) entry.uses += 1;
  }

  clear(): void {
    this.issued.clear();
  }
}

/** Accepts a JSON body, or a form body with a JSON `payload` field (as incoming webhooks do). */
function parseResponseBody(rawBody: string, contentType: string): Record<string, unknown> | undefined {
  let json = rawBody;
  if (contentType === "application/x-www-form-urlencoded") {
    json = new URLSearchParams(rawBody).get("payload") ?? "";
  }
  try {
    const parsed = JSON.parse(json) as unknown;
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function hasContent(body: Record<string, unknown>): boolean {
  const nonEmpty = (v: unknown): boolean =>
    (typeof v === "string" && v.length > 0) || (Array.isArray(v) && v.length > 0);
  return nonEmpty(body.text) || nonEmpty(body.blocks) || nonEmpty(body.attachments) || body.delete_original === true;
}

export function handleResponseUrlPost(
  id: string,
  rawBody: string,
  contentType: string,
  state: SlackSimState,
  registry: ResponseUrlRegistry,
  responses: ResponseUrlPost[],
): HttpAnswer {
  const fault = state.takeFault(RESPONSE_URL_FAULT_KEY);
  if (fault) {
    if ("error" in fault) {
      const expiredLike = fault.error === "used_url" || fault.error === "expired_url";
      return { status: expiredLike ? 404 : 400, text: fault.error };
    }
    return faultAnswer(fault).answer;
  }

  const verdict = registry.check(id);
  if (verdict !== "usable") return { status: 404, text: verdict };

  const body = parseResponseBody(rawBody, contentType);
  if (!body) return { status: 400, text: "invalid_payload" };
  if (!hasContent(body)) return { status: 400, text: "no_text" };
  // Like an incoming webhook, a response URL names no problem: just 400 and `invalid_blocks`.
  if (body.blocks !== undefined && (!Array.isArray(body.blocks) || validateBlocks(body.blocks).length > 0)) {
    return { status: 400, text: "invalid_blocks" };
  }

  registry.consume(id);
  responses.push({ id, body, at: state.now() });
  return { status: 200, text: "ok" };
}
