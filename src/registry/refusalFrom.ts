import type { RegistryFailure } from "./registryClient.js";
import { readRegistryError } from "./readRegistryError.js";
import type { RegistryResponse } from "./sendRegistryRequest.js";

/**
 * A 4xx as an answer: 429 is "later" (the spec's TOOMANYREQUESTS, with Retry-After), anything else a refusal
 * carrying the registry's own code and message. `who` names the server, e.g. "The registry at https://ghcr.io".
 */
export function refusalFrom(response: RegistryResponse, who: string): RegistryFailure {
  const { code, message } = readRegistryError(response.body);
  if (response.status === 429) {
    const seconds = Number(response.headers.get("retry-after"));
    const when = Number.isFinite(seconds) && seconds > 0 ? `in ${Math.ceil(seconds)} s` : "in a minute";
    return { kind: "unavailable", reason: `${who} is rate limiting these requests (429); try again ${when}.` };
  }
  const said = [code, message].filter((part) => part !== undefined).join(": ");
  return {
    kind: "refused",
    status: response.status,
    ...(code ? { code } : {}),
    reason: `${who} answered ${response.status}${said ? ` (${said})` : ""}.`,
  };
}
