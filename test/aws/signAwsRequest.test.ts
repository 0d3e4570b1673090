import { AwsV4Signer } from "aws4fetch";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { signAwsRequest, type AwsCredentials } from "../../src/aws/signAwsRequest.js";

const credentials: AwsCredentials = {
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  sessionToken: "session-token",
};
const now = new Date("2026-11-25T10:20:30.456Z");

/** aws4fetch's signer, signing exactly the same headers, as an independent reference. */
async function reference(
  url: URL,
  headers: Record<string, string>,
  body: string,
  creds: AwsCredentials = credentials,
): Promise<string | null> {
  const datetime = now.toISOString().replace(/[:-]|\.\d{3}/g, "");
  const signer = new AwsV4Signer({
    method: "POST",
    url: url.toString(),
    headers,
    body,
    ...creds,
    service: "lambda",
    region: "eu-west-1",
    datetime,
    allHeaders: true,
  });
  return (await signer.sign()).headers.get("authorization");
}

function ours(url: URL, headers: Record<string, string>, body: string, creds: AwsCredentials = credentials) {
  return signAwsRequest({
    method: "POST",
    url,
    headers,
    body,
    service: "lambda",
    region: "eu-west-1",
    credentials: creds,
    now,
  });
}

describe("signAwsRequest", () => {
  it.each([
    [
      "a plain function name",
      "https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions/package-restore-prod-worker/invocations",
    ],
    [
      "a function ARN (colons encoded in the path)",
      `https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions/${encodeURIComponent("arn:aws:lambda:eu-west-1:123456789012:function:worker")}/invocations`,
    ],
    [
      "a query string",
      "https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions/w/invocations?Qualifier=live&a=b%20c",
    ],
    ["a local endpoint with a port", "http://127.0.0.1:4567/2015-03-31/functions/w/invocations"],
  ])("matches aws4fetch for %s", async (_, raw) => {
    const url = new URL(raw);
    const headers = { "content-type": "application/json", "x-amz-invocation-type": "Event" };
    const body = JSON.stringify({ id: "job-1", text: "naïve ünïcode & symbols" });
    const signed = ours(url, headers, body);
    expect(signed.authorization).toBe(await reference(url, headers, body));
    expect(signed["x-amz-security-token"]).toBe("session-token");
    expect(signed["x-amz-date"]).toBe("20261125T102030Z");
  });

  it("signs without a session token when there is none", async () => {
    const url = new URL("https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions/w/invocations");
    const plain = { accessKeyId: "AKID", secretAccessKey: "secret" };
    const signed = ours(url, {}, "{}", plain);
    expect(signed["x-amz-security-token"]).toBeUndefined();
    expect(signed.authorization).toBe(await reference(url, {}, "{}", plain));
  });

  it("matches aws4fetch for any body and header value", async () => {
    const url = new URL("https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/w/invocations");
    await fc.assert(
      fc.asyncProperty(
        fc.string(),
        fc.string({ minLength: 1 }).filter((value) => value.trim().length > 0 && !/[\r\n]/.test(value)),
        async (body, value) => {
          const headers = { "x-amz-invocation-type": value };
          expect(ours(url, headers, body).authorization).toBe(await reference(url, headers, body));
        },
      ),
      { numRuns: 100 },
    );
  });
});
