import { checkRegistryReference, isDigest } from "./checkRegistryReference.js";
import { computeDigest } from "./computeDigest.js";
import { createAuthorizedSender } from "./createAuthorizedSender.js";
import { describeManifest } from "./describeManifest.js";
import { MANIFEST_ACCEPT } from "./manifestMediaTypes.js";
import { readRegistryError } from "./readRegistryError.js";
import { refusalFrom } from "./refusalFrom.js";
import type { RegistryClient, RegistryClientOptions, RegistryFailure } from "./registryClient.js";
import type { RegistryResponse } from "./sendRegistryRequest.js";

export const DEFAULT_REGISTRY_TIMEOUT_MS = 10_000;
export const DEFAULT_REGISTRY_RETRIES = 2;
export const DEFAULT_REGISTRY_RETRY_BASE_MS = 250;

/**
 * The registry client. Create it once per container and credential: registry tokens are cached in it per
 * repository until they expire. It holds no connection and starts nothing until called.
 */
export function createRegistryClient(options: RegistryClientOptions): RegistryClient {
  const registryUrl = new URL(options.registryUrl);
  const base = registryUrl.href.replace(/\/+$/, "");
  const who = `The registry at ${registryUrl.origin}`;
  const send = createAuthorizedSender({
    registryUrl,
    credential: options.credential,
    policy: {
      timeoutMs: options.timeoutMs ?? DEFAULT_REGISTRY_TIMEOUT_MS,
      retries: options.retries ?? DEFAULT_REGISTRY_RETRIES,
      retryBaseMs: options.retryBaseMs ?? DEFAULT_REGISTRY_RETRY_BASE_MS,
    },
    now: options.now ?? Date.now,
  });
  const manifestUrl = (name: string, reference: string) => new URL(`${base}/v2/${name}/manifests/${reference}`);

  /** Anything but 200 as an answer; undefined for 200. */
  function failureOf(response: RegistryResponse): RegistryFailure | undefined {
    if (response.status === 200) return undefined;
    if (response.status === 404) {
      // A HEAD's 404 has no body; a GET's says MANIFEST_UNKNOWN (Distribution says so for a repository never pushed
      // too; the spec's NAME_UNKNOWN means the same here).
      const { code } = readRegistryError(response.body);
      return code !== undefined ? { kind: "unknown_manifest", code } : { kind: "unknown_manifest" };
    }
    if (response.status >= 400) return refusalFrom(response, who);
    return { kind: "invalid", reason: `${who} answered ${response.status} instead of a manifest.` };
  }

  return {
    async readManifest(name, reference, { signal } = {}) {
      checkRegistryReference(name, reference);
      const response = await send(
        name,
        { url: manifestUrl(name, reference), method: "GET", headers: { accept: MANIFEST_ACCEPT } },
        signal,
      );
      if ("kind" in response) return response;
      const failure = failureOf(response);
      if (failure) return failure;
      // By digest, the bytes must hash to it (the spec's MUST); by tag, to Docker-Content-Digest when sent.
      const asked = isDigest(reference) ? reference : undefined;
      const computed = computeDigest(response.body, asked?.split(":")[0]) as string;
      if (asked !== undefined && computed !== asked) {
        return {
          kind: "invalid",
          reason: `${who} served bytes for ${asked} that hash to ${computed}; they were not used.`,
        };
      }
      const header = response.headers.get("docker-content-digest")?.trim();
      const headerCheck = header ? computeDigest(response.body, header.split(":")[0]) : undefined;
      if (header && headerCheck !== undefined && headerCheck !== header) {
        return {
          kind: "invalid",
          reason: `${who} sent Docker-Content-Digest ${header} with bytes that hash to ${headerCheck}; they were not used.`,
        };
      }
      return describeManifest(response.body, response.headers.get("content-type"), asked ?? computed);
    },

    async manifestExists(name, digest, { signal } = {}) {
      checkRegistryReference(name, digest, true);
      const response = await send(
        name,
        { url: manifestUrl(name, digest), method: "HEAD", headers: { accept: MANIFEST_ACCEPT } },
        signal,
      );
      if ("kind" in response) return response;
      const failure = failureOf(response);
      if (failure) return failure;
      // A HEAD has no bytes to hash; the header must at least name what was asked for, in the same algorithm.
      const header = response.headers.get("docker-content-digest")?.trim();
      if (header && header.split(":")[0] === digest.split(":")[0] && header !== digest) {
        return { kind: "invalid", reason: `${who} answered HEAD ${digest} with Docker-Content-Digest ${header}.` };
      }
      const mediaType = response.headers.get("content-type")?.split(";")[0]?.trim();
      return mediaType ? { kind: "exists", digest, mediaType } : { kind: "exists", digest };
    },
  };
}
