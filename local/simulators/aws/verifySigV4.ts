import type { IncomingHttpHeaders } from "node:http";
import { signAwsRequest } from "../../../src/aws/signAwsRequest.js";

export interface ExpectedSigner {
  service: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/**
 * Whether a request carries a valid SigV4 signature from these credentials: the stand-ins of AWS APIs recompute it
 * over the request exactly as received (method, path, query, the headers the client listed, body), so anything a
 * client's transport changes shows. The recomputing is signAwsRequest's, which test/aws/signAwsRequest.test.ts
 * holds to aws4fetch's independent signer; it is synchronous, where aws4fetch's WebCrypto hashing costs the stand-in
 * about 1 ms of libuv thread hops per request, which `npm run bench` would otherwise count against the HTTP function.
 */
export function verifySigV4(
  method: string,
  url: string,
  headers: IncomingHttpHeaders,
  body: string,
  expected: ExpectedSigner,
): boolean {
  const authorization = header(headers.authorization) ?? "";
  const pattern = new RegExp(
    `^AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/${expected.service}/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$`,
  );
  const parsed = pattern.exec(authorization);
  const datetime = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(header(headers["x-amz-date"]) ?? "");
  if (!parsed || !datetime || parsed[1] !== expected.credentials.accessKeyId || parsed[3] !== expected.region)
    return false;
  if (
    expected.credentials.sessionToken !== undefined &&
    header(headers["x-amz-security-token"]) !== expected.credentials.sessionToken
  )
    return false;
  const [, year, month, day, hours, minutes, seconds] = datetime.map(Number);
  const signed: Record<string, string> = {};
  for (const name of parsed[4]!.split(";")) {
    // signAwsRequest adds these three itself, from the URL, the time and the credentials.
    if (name === "host" || name === "x-amz-date" || name === "x-amz-security-token") continue;
    const value = header(headers[name]);
    if (value === undefined) return false;
    signed[name] = value;
  }
  const recomputed = signAwsRequest({
    method,
    url: new URL(url),
    headers: signed,
    body,
    service: expected.service,
    region: expected.region,
    credentials: expected.credentials,
    now: new Date(Date.UTC(year!, month! - 1, day, hours, minutes, seconds)),
  });
  // Clients list the headers in their own order and separate the parts with ", " or ","; both must sign the same set.
  const listed = parsed[4]!.split(";").sort().join(";");
  return (
    recomputed.authorization ===
    `AWS4-HMAC-SHA256 Credential=${parsed[1]}/${parsed[2]}/${parsed[3]}/${expected.service}/aws4_request, SignedHeaders=${listed}, Signature=${parsed[5]}`
  );
}

export function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
