/**
 * A small client for the read side of the OCI Distribution API: manifests by tag or digest, GET and HEAD.
 * Spec: https://github.com/opencontainers/distribution-spec/blob/main/spec.md
 * Its answers are the domain's (see src/domain/ports/imageRegistry.ts).
 */
import type { ExistsAnswer, ManifestAnswer } from "../domain/ports/imageRegistry.js";

export type {
  ExistsAnswer,
  IndexChild,
  ManifestAnswer,
  Platform,
  RegistryFailure,
} from "../domain/ports/imageRegistry.js";

/**
 * A classic PAT (any user name works on ghcr.io; the token is the password), or a function that returns a token
 * for a repository, e.g. an App installation token for the repository's org. Called only when the registry asks
 * for a new registry token.
 */
export type RegistryCredential = { username: string; token: string } | ((name: string) => Promise<string> | string);

export interface RegistryClientOptions {
  /** e.g. https://ghcr.io; http only for a registry on this machine (tests). */
  registryUrl: string;
  credential: RegistryCredential;
  /** Per HTTP attempt, body included. Default 10 s. */
  timeoutMs?: number;
  /** Tries after the first, for 5xx, timeouts and network errors only. Default 2. */
  retries?: number;
  /** Waits base × n² before try n+1. Default 250 ms. */
  retryBaseMs?: number;
  /** Clock for the registry-token cache. Default Date.now. */
  now?: () => number;
}

export interface RegistryCallOptions {
  /** Aborts the whole call (tries, waits and the token exchange); the answer is then `unavailable`. */
  signal?: AbortSignal;
}

export interface RegistryClient {
  /** GET /v2/<name>/manifests/<reference>: an index with its children, or an image manifest. */
  readManifest(name: string, reference: string, options?: RegistryCallOptions): Promise<ManifestAnswer>;
  /** HEAD /v2/<name>/manifests/<digest>: whether the registry serves that manifest. */
  manifestExists(name: string, digest: string, options?: RegistryCallOptions): Promise<ExistsAnswer>;
}
