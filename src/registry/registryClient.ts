/**
 * A small client for the read side of the OCI Distribution API: manifests by tag or digest, GET and HEAD.
 * Spec: https://github.com/opencontainers/distribution-spec/blob/main/spec.md
 *
 * Every registry outcome is an answer, not an exception: a manifest the registry doesn't know, a credential it
 * refuses and a registry that doesn't answer are all things a repair has to explain to a person.
 */

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

/** One entry of an index's `manifests[]`. */
export interface IndexChild {
  digest: string;
  mediaType: string;
  size?: number;
  platform?: Platform;
  /** Set on BuildKit attestation manifests: the digest of the platform manifest they describe. */
  attestationFor?: string;
}

/** Why the registry gave no manifest. `reason` is a sentence for the operator; it never holds a credential. */
export type RegistryFailure =
  /** 404: no such manifest (or repository) under that tag or digest. `code` is the registry's, when it sent one. */
  | { kind: "unknown_manifest"; code?: string }
  /** A 4xx other than 404 and 429, or a token service refusing the credential. `code` is e.g. `DENIED`. */
  | { kind: "refused"; status: number; code?: string; reason: string }
  /** No answer, 5xx after the retries, a timeout, or 429. Trying again later may help. */
  | { kind: "unavailable"; reason: string }
  /** An answer this client can't trust or read: a digest that doesn't match the bytes, a body that isn't a manifest. */
  | { kind: "invalid"; reason: string };

export type ManifestAnswer =
  | { kind: "index"; digest: string; mediaType: string; children: IndexChild[] }
  | { kind: "image"; digest: string; mediaType: string }
  | RegistryFailure;

export type ExistsAnswer = { kind: "exists"; digest: string; mediaType?: string } | RegistryFailure;

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
