import type { BearerChallenge } from "./parseBearerChallenge.js";
import { refusalFrom } from "./refusalFrom.js";
import type { RegistryFailure } from "./registryClient.js";
import { sendRegistryRequest, type RetryPolicy } from "./sendRegistryRequest.js";

export interface RegistryToken {
  token: string;
  /** Epoch ms after which the token is not used again. */
  expiresAt: number;
}

export interface TokenExchange {
  registryUrl: URL;
  challenge: BearerChallenge;
  scope: string;
  username: string;
  password: string;
  now: number;
}

/** The token spec's default lifetime when `expires_in` is missing. */
const DEFAULT_EXPIRES_IN_S = 60;
/** Dropped a little early, so a token isn't sent in its last seconds and refused on arrival. */
const EXPIRY_MARGIN_S = 10;

/**
 * The token exchange of https://distribution.github.io/distribution/spec/auth/token/ ("Requesting a Token"):
 * GET realm?service=…&scope=… with Basic credentials, answered `{token | access_token, expires_in?, issued_at?}`.
 * ghcr.io takes any user name with a GitHub token as the password.
 */
export async function fetchRegistryToken(
  exchange: TokenExchange,
  policy: RetryPolicy,
): Promise<RegistryToken | RegistryFailure> {
  const realm = realmFor(exchange.challenge.realm, exchange.registryUrl);
  if (typeof realm === "string") return { kind: "refused", status: 401, reason: realm };
  if (exchange.challenge.service !== undefined) realm.searchParams.set("service", exchange.challenge.service);
  realm.searchParams.append("scope", exchange.scope);
  const basic = Buffer.from(`${exchange.username}:${exchange.password}`).toString("base64");
  const response = await sendRegistryRequest(
    { url: realm, method: "GET", headers: { authorization: `Basic ${basic}`, accept: "application/json" } },
    policy,
  );
  if ("kind" in response) return response;
  const who = `The registry's token service at ${realm.origin}`;
  if (response.status !== 200) {
    return response.status >= 400
      ? refusalFrom(response, who)
      : { kind: "invalid", reason: `${who} answered ${response.status} instead of a token.` };
  }
  let body: { token?: unknown; access_token?: unknown; expires_in?: unknown };
  try {
    body = JSON.parse(new TextDecoder().decode(response.body)) ?? {};
  } catch {
    return { kind: "invalid", reason: `${who} answered 200 with a body that is not JSON.` };
  }
  // Both fields may be present and should be equal; the spec leaves the choice to the client when they differ.
  const token = [body.token, body.access_token].find(
    (value): value is string => typeof value === "string" && value !== "",
  );
  if (token === undefined) return { kind: "invalid", reason: `${who} answered 200 without a token.` };
  const expiresIn = typeof body.expires_in === "number" && body.expires_in > 0 ? body.expires_in : DEFAULT_EXPIRES_IN_S;
  // issued_at is ignored: the spec counts from the exchange when it is missing, and our clock is the one that
  // decides when to stop using the token, so counting from now can only err by the exchange's own duration.
  return { token, expiresAt: exchange.now + Math.max(0, expiresIn - EXPIRY_MARGIN_S) * 1000 };
}

/**
 * The credential goes only to the registry's own host or a parent domain of it (containers.HOST → HOST on GHES),
 * over https unless the registry itself is plain http on this machine: a challenge is the registry's to write,
 * and a realm elsewhere would have the GitHub token sent there.
 */
function realmFor(value: string, registryUrl: URL): URL | string {
  let realm: URL;
  try {
    realm = new URL(value);
  } catch {
    return `The registry at ${registryUrl.origin} asked for a token from a realm that is not a URL; nothing was sent.`;
  }
  const sameSite =
    realm.hostname === registryUrl.hostname ||
    (realm.hostname.includes(".") && registryUrl.hostname.endsWith(`.${realm.hostname}`));
  const secure =
    realm.protocol === "https:" ||
    (realm.protocol === "http:" && registryUrl.protocol === "http:" && realm.hostname === registryUrl.hostname);
  if (!sameSite || !secure || realm.username !== "" || realm.password !== "") {
    return `The registry at ${registryUrl.origin} asked for the credential to be sent to ${realm.protocol}//${realm.host}, which is not the registry's host over https; nothing was sent.`;
  }
  return realm;
}
