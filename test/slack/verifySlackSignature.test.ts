import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  SIGNATURE_TOLERANCE_SECONDS,
  signSlackRequest,
  verifySlackSignature,
  type SignedRequest,
} from "../../src/slack/verifySlackSignature.js";

interface Vector {
  source: string;
  signing_secret: string;
  timestamp: string;
  body: string;
  signature: string;
}

const vector = JSON.parse(
  readFileSync(new URL("../fixtures/slack-signature-vector.json", import.meta.url), "utf8"),
) as Vector;
const secret = vector.signing_secret;
const atVector = Number(vector.timestamp) * 1000;
const signed: SignedRequest = { timestamp: vector.timestamp, signature: vector.signature, rawBody: vector.body };

/** A different character at `index`: the next one in a small alphabet, so the length and the encoding stay the same. */
function changeAt(text: string, index: number): string {
  const alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ%&=._-";
  const current = text[index]!;
  const position = alphabet.indexOf(current);
  const replacement = alphabet[(position + 1) % alphabet.length]!;
  return text.slice(0, index) + replacement + text.slice(index + 1);
}

describe("the Slack signature vector", () => {
  it("is Slack's worked example", () => {
    expect(vector.source).toMatch(/Slack/);
    expect(vector.signature).toMatch(/^v0=[0-9a-f]{64}$/);
  });

  it("verifies with the clock at its timestamp", () => {
    expect(verifySlackSignature(signed, secret, atVector)).toEqual({ ok: true });
  });

  it("is what signSlackRequest produces", () => {
    expect(signSlackRequest(secret, vector.timestamp, vector.body)).toBe(vector.signature);
  });
});

describe("verifySlackSignature rejects any one-byte change", () => {
  it(`of the body (each of its ${vector.body.length} positions)`, () => {
    const accepted: number[] = [];
    for (let i = 0; i < vector.body.length; i++) {
      const rawBody = changeAt(vector.body, i);
      expect(rawBody).not.toBe(vector.body);
      const check = verifySlackSignature({ ...signed, rawBody }, secret, atVector);
      if (check.ok || check.reason !== "bad_signature") accepted.push(i);
    }
    expect(accepted).toEqual([]);
  });

  it("of the body by appending or removing a byte", () => {
    expect(verifySlackSignature({ ...signed, rawBody: `${vector.body}&` }, secret, atVector)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    expect(verifySlackSignature({ ...signed, rawBody: vector.body.slice(0, -1) }, secret, atVector)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
  });

  it("of the timestamp (each position)", () => {
    for (let i = 0; i < vector.timestamp.length; i++) {
      const timestamp = changeAt(vector.timestamp, i);
      expect(timestamp).not.toBe(vector.timestamp);
      expect(verifySlackSignature({ ...signed, timestamp }, secret, atVector).ok).toBe(false);
    }
  });

  it("of the timestamp by one second, inside the window: the signature no longer matches", () => {
    const timestamp = String(Number(vector.timestamp) + 1);
    expect(verifySlackSignature({ ...signed, timestamp }, secret, atVector)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
  });

  it("of the signature (each position)", () => {
    for (let i = 0; i < vector.signature.length; i++) {
      const signature = changeAt(vector.signature, i);
      expect(signature).not.toBe(vector.signature);
      expect(verifySlackSignature({ ...signed, signature }, secret, atVector)).toEqual({
        ok: false,
        reason: "bad_signature",
      });
    }
  });

  it("of the signature's hex case", () => {
    expect(verifySlackSignature({ ...signed, signature: vector.signature.toUpperCase() }, secret, atVector).ok).toBe(
      false,
    );
  });

  it("of the secret", () => {
    expect(verifySlackSignature(signed, changeAt(secret, 0), atVector)).toEqual({ ok: false, reason: "bad_signature" });
  });
});

describe("verifySlackSignature: headers and clock", () => {
  it.each<[string, Partial<SignedRequest>]>([
    ["no timestamp", { timestamp: undefined }],
    ["no signature", { signature: undefined }],
    ["empty timestamp", { timestamp: "" }],
    ["empty signature", { signature: "" }],
    ["neither", { timestamp: undefined, signature: undefined }],
  ])("%s → missing_headers", (_name, change) => {
    expect(verifySlackSignature({ ...signed, ...change }, secret, atVector)).toEqual({
      ok: false,
      reason: "missing_headers",
    });
  });

  it.each([
    ["300 s in the past", SIGNATURE_TOLERANCE_SECONDS, true],
    ["301 s in the past", SIGNATURE_TOLERANCE_SECONDS + 1, false],
    ["300 s in the future", -SIGNATURE_TOLERANCE_SECONDS, true],
    ["301 s in the future", -(SIGNATURE_TOLERANCE_SECONDS + 1), false],
  ])("a request signed %s: accepted %s", (_name, skewSeconds, ok) => {
    const check = verifySlackSignature(signed, secret, atVector + skewSeconds * 1000);
    expect(check).toEqual(ok ? { ok: true } : { ok: false, reason: "stale_timestamp" });
  });

  it("the window is 300 s", () => {
    expect(SIGNATURE_TOLERANCE_SECONDS).toBe(300);
  });

  it.each(["abc", "1531420618.5", "-1531420618", " 1531420618", "1e9", "0x5B4775CA", "99999999999999"])(
    "timestamp %j is refused",
    (timestamp) => {
      const signature = signSlackRequest(secret, timestamp, vector.body);
      const check = verifySlackSignature({ timestamp, signature, rawBody: vector.body }, secret, atVector);
      expect(check).toEqual({ ok: false, reason: "stale_timestamp" });
    },
  );

  it.each([
    ["shorter", vector.signature.slice(0, -1)],
    ["longer", `${vector.signature}0`],
    ["without v0=", vector.signature.slice(3)],
    ["a v1 signature", vector.signature.replace("v0=", "v1=")],
    ["multi-byte of the same length", `${vector.signature.slice(0, -1)}é`],
    ["much longer", vector.signature.repeat(4)],
  ])("a %s signature is refused without throwing", (_name, signature) => {
    expect(verifySlackSignature({ ...signed, signature }, secret, atVector)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
  });

  it("signs and verifies a fresh request", () => {
    const now = Date.UTC(2026, 10, 1, 12, 0, 0);
    const timestamp = String(now / 1000);
    const rawBody = "command=%2Frestore-package&text=acme+npm+left-pad";
    const signature = signSlackRequest("another-secret", timestamp, rawBody);
    expect(verifySlackSignature({ timestamp, signature, rawBody }, "another-secret", now)).toEqual({ ok: true });
    expect(verifySlackSignature({ timestamp, signature, rawBody }, secret, now)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
  });
});
