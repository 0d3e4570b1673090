import { createHmac, timingSafeEqual } from "../node/crypto.js";

/** Slack's replay window: requests signed more than this many seconds away from now, either way, are refused. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export interface SignedRequest {
  /** `x-slack-request-timestamp` */
  timestamp: string | undefined;
  /** `x-slack-signature` */
  signature: string | undefined;
  /** The body exactly as received: any re-encoding breaks the signature. */
  rawBody: string;
}

export type SignatureCheck =
  | { ok: true }
  | { ok: false; reason: "missing_headers" | "stale_timestamp" | "bad_signature" };

/**
 * Slack's v0 request signature: `v0=` + hex HMAC-SHA256(secret, `v0:{ts}:{body}`),
 * compared in constant time. Unlike Bolt's receiver this also refuses timestamps
 * in the future, so a captured request can't be replayed later.
 */
export function verifySlackSignature(request: SignedRequest, signingSecret: string, nowMs: number): SignatureCheck {
  const { timestamp, signature, rawBody } = request;
  if (!timestamp || !signature) return { ok: false, reason: "missing_headers" };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: "stale_timestamp" };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > SIGNATURE_TOLERANCE_SECONDS) {
    return { ok: false, reason: "stale_timestamp" };
  }
  const expected = Buffer.from(signSlackRequest(signingSecret, timestamp, rawBody), "utf8");
  const received = Buffer.from(signature, "utf8");
  if (expected.length !== received.length || !timingSafeEqual(expected, received)) {
    return { ok: false, reason: "bad_signature" };
  }
  return { ok: true };
}

/** The `x-slack-signature` value Slack would send; also used by the local tools that play Slack. */
export function signSlackRequest(signingSecret: string, timestamp: string, rawBody: string): string {
  return `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${rawBody}`).digest("hex")}`;
}
