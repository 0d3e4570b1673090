import { AwsV4Signer } from "aws4fetch";
import fc from "fast-check";
import type { IncomingHttpHeaders } from "node:http";
import { describe, expect, it } from "vitest";
import { verifySigV4, type ExpectedSigner } from "../../../../local/simulators/aws/verifySigV4.js";

const expected: ExpectedSigner = {
  service: "lambda",
  region: "eu-west-1",
  credentials: { accessKeyId: "AKIDSTANDIN", secretAccessKey: "stand-in-secret", sessionToken: "token-1" },
};
const URL_ = "http://127.0.0.1:4567/2015-03-31/functions/package-restore-worker/invocations?Qualifier=live";

/** Headers as a node:http server would receive a request signed by aws4fetch, an independent signer. */
async function signedByAws4fetch(
  url: string,
  headers: Record<string, string>,
  body: string,
  credentials = expected.credentials,
): Promise<IncomingHttpHeaders> {
  const signer = new AwsV4Signer({
    method: "POST",
    url,
    headers,
    body,
    ...credentials,
    service: expected.service,
    region: expected.region,
    allHeaders: true,
  });
  const signed = await signer.sign();
  const received: IncomingHttpHeaders = { host: new URL(url).host };
  signed.headers.forEach((value, name) => {
    received[name] = value;
  });
  return received;
}

describe("verifySigV4 (the AWS stand-ins' signature check)", () => {
  const headers = { "content-type": "application/json", "x-amz-invocation-type": "Event" };
  const body = '{"id":"job-1","text":"naïve & ünïcode"}';

  it("accepts what aws4fetch signs, for any path, query, header value and body (property)", async () => {
    const segment = fc.stringMatching(/^[A-Za-z0-9:_.~-]{1,20}$/);
    await fc.assert(
      fc.asyncProperty(
        segment,
        fc.string({ maxLength: 20 }),
        fc.string({ maxLength: 40 }),
        fc.string({ maxLength: 200 }),
        async (name, query, value, payload) => {
          const url = `http://127.0.0.1:4567/2015-03-31/functions/${encodeURIComponent(name)}/invocations?q=${encodeURIComponent(query)}`;
          const received = await signedByAws4fetch(
            url,
            { "content-type": "application/json", "x-amz-target": value.replace(/[\r\n]/g, "") || "x" },
            payload,
          );
          expect(verifySigV4("POST", url, received, payload, expected)).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it.each<[string, (received: IncomingHttpHeaders) => [string, string, IncomingHttpHeaders, string]]>([
    ["a body changed by one character", (received) => ["POST", URL_, received, body.replace("1", "2")]],
    ["another path", (received) => ["POST", URL_.replace("worker", "other"), received, body]],
    ["another query", (received) => ["POST", URL_.replace("live", "dev"), received, body]],
    ["another method", (received) => ["PUT", URL_, received, body]],
    [
      "a signed header changed",
      (received) => ["POST", URL_, { ...received, "x-amz-invocation-type": "RequestResponse" }, body],
    ],
    ["a signed header missing", (received) => ["POST", URL_, { ...received, "content-type": undefined }, body]],
    // The stand-ins build the URL from the Host header they received.
    [
      "another host",
      (received) => ["POST", URL_.replace(":4567", ":9999"), { ...received, host: "127.0.0.1:9999" }, body],
    ],
    ["no x-amz-date", (received) => ["POST", URL_, { ...received, "x-amz-date": undefined }, body]],
    ["another session token", (received) => ["POST", URL_, { ...received, "x-amz-security-token": "token-2" }, body]],
    ["no authorization", (received) => ["POST", URL_, { ...received, authorization: undefined }, body]],
  ])("refuses %s", async (_, tamper) => {
    const received = await signedByAws4fetch(URL_, headers, body);
    expect(verifySigV4("POST", URL_, received, body, expected)).toBe(true);
    expect(verifySigV4(...tamper(received), expected)).toBe(false);
  });

  it("refuses another secret, access key, region or service", async () => {
    const wrongSecret = await signedByAws4fetch(URL_, headers, body, {
      ...expected.credentials,
      secretAccessKey: "guess",
    });
    expect(verifySigV4("POST", URL_, wrongSecret, body, expected)).toBe(false);
    const received = await signedByAws4fetch(URL_, headers, body);
    expect(
      verifySigV4("POST", URL_, received, body, {
        ...expected,
        credentials: { ...expected.credentials, accessKeyId: "AKIDOTHER" },
      }),
    ).toBe(false);
    expect(verifySigV4("POST", URL_, received, body, { ...expected, region: "us-east-1" })).toBe(false);
    expect(verifySigV4("POST", URL_, received, body, { ...expected, service: "ssm" })).toBe(false);
  });
});
