/**
 * The container registry, as the repair flow sees it: reads of manifests by tag or digest (the OCI Distribution
 * API's read side). Every registry outcome is an answer, not an exception: a manifest the registry doesn't know,
 * a credential it refuses and a registry that doesn't answer are all things a repair has to explain to a person.
 * `name` is the repository, `<org>/<package name>` in lower case on ghcr.io.
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

export interface ImageRegistry {
  /** The registry's host as people pull from it, e.g. ghcr.io: messages say `docker pull <host>/<name>:<tag>`. */
  readonly host: string;
  /** GET /v2/<name>/manifests/<reference>: an index with its children, or an image manifest. */
  readManifest(name: string, reference: string): Promise<ManifestAnswer>;
  /** HEAD /v2/<name>/manifests/<digest>: whether the registry serves that manifest. */
  manifestExists(name: string, digest: string): Promise<ExistsAnswer>;
}
