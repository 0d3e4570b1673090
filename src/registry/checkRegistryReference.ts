import { RegistryReferenceError } from "./RegistryReferenceError.js";

// The grammars of https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-manifests, and
// the registered digest algorithms of https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests
// (lower-case hex). Checked before sending: CNCF Distribution answers a malformed digest with 500 UNKNOWN, which
// would otherwise be retried as an outage.
const NAME = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/;
const TAG = /^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/;
const DIGEST = /^(?:sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

export function isDigest(reference: string): boolean {
  return DIGEST.test(reference);
}

/** Throws RegistryReferenceError unless `name` is a repository name and `reference` a tag or digest (or, with `digestOnly`, a digest). */
export function checkRegistryReference(name: string, reference: string, digestOnly = false): void {
  if (name.length >= 256 || !NAME.test(name)) throw new RegistryReferenceError("name", name);
  if (digestOnly ? !isDigest(reference) : !isDigest(reference) && !TAG.test(reference)) {
    throw new RegistryReferenceError(digestOnly ? "digest" : "reference", reference);
  }
}
