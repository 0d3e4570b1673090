import type { IncomingHttpHeaders } from "node:http";
import { AwsV4Signer } from "aws4fetch";

export interface ExpectedSigner {
  service: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/**
 * Whether a request carries a valid SigV4 signature from these credentials: the stand-ins of AWS
 * APIs recompute it with aws4fetch's independent signer over exactly the headers the client listed.
 */
export async function verifySigV4(method: string, url: string, headers: IncomingHttpHeaders, body: string, expected: ExpectedSigner): Promise<boolean> {
  const authorization = header(headers.authorization) ?? "";
  const pattern = new RegExp(`^AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/${expected.service}/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$`);
  const parsed = pattern.exec(authorization);
  const datetime = header(headers["x-amz-date"]);
  if (!parsed || !datetime || parsed[1] !== expected.credentials.accessKeyId || parsed[3] !== expected.region) return false;
  if (expected.credentials.sessionToken !== undefined && header(headers["x-amz-security-token"]) !== expected.credentials.sessionToken) return false;
  const signed: Record<string, string> = {};
  for (const name of parsed[4]!.split(";")) {
    if (name === "host") continue;
    const value = header(headers[name]);
    if (value === undefined) return false;
    signed[name] = value;
  }
  // allHeaders: sign exactly the headers the client listed (aws4fetch would otherwise drop some, e.g. content-type).
  const signer = new AwsV4Signer({ method, url, headers: signed, body, ...expected.credentials, service: expected.service, region: expected.region, datetime, allHeaders: true });
  const recomputed = (await signer.sign()).headers.get("authorization") ?? "";
  // Clients separate the parts with ", " or ","; compare the signatures themselves.
  return /Signature=([0-9a-f]{64})$/.exec(recomputed)?.[1] === parsed[5];
}

export function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
