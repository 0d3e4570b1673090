// Small POSTs to AWS APIs over node:http(s), for the HTTP function, which can afford neither the AWS SDK nor fetch (see createLambdaHandOff.ts).
import { signAwsRequest, type AwsCredentials } from "../handoff/signAwsRequest.js";

export type Send = (headers: Record<string, string>, body: string, timeoutMs: number) => Promise<{ status: number; body: string }>;

/**
 * POSTs to one URL; node:https is loaded only for https endpoints, and only once needed. Kept-alive connections by
 * default (the hand-off posts on every request); `keepAlive: false` for one-off calls at start-up.
 */
export function postOver(url: URL, { keepAlive = true }: { keepAlive?: boolean } = {}): Send {
  // Loaded at the first request, not before: a fetcher that is never used (no *_PARAM set) costs nothing.
  let loaded: Promise<[typeof import("node:http"), import("node:http").Agent]> | undefined;
  const load = () =>
    (loaded ??= (url.protocol === "https:" ? import("node:https") : import("node:http")).then((module) => [module as typeof import("node:http"), new module.Agent({ keepAlive })]));
  return async (headers, body, timeoutMs) => {
    const [{ request }, connections] = await load();
    return new Promise((resolve, reject) => {
      const outgoing = request(url, { method: "POST", headers: { ...headers, "content-length": String(Buffer.byteLength(body)) }, agent: connections, timeout: timeoutMs }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        response.on("error", reject);
      });
      outgoing.on("timeout", () => outgoing.destroy(new Error("timed out")));
      outgoing.on("error", reject);
      outgoing.end(body);
    });
  };
}

/** Like postOver, with each request signed (SigV4) for `service` at the moment it is sent. */
export function signedPostOver(url: URL, signing: { service: string; region: string; credentials: AwsCredentials; keepAlive?: boolean }): Send {
  const send = postOver(url, signing.keepAlive === undefined ? {} : { keepAlive: signing.keepAlive });
  return (headers, body, timeoutMs) =>
    send(signAwsRequest({ method: "POST", url, headers, body, service: signing.service, region: signing.region, credentials: signing.credentials, now: new Date() }), body, timeoutMs);
}
