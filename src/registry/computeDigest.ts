import { createHash } from "../node/crypto.js";

/**
 * `algorithm:hex` of the exact bytes, as the OCI image spec defines a digest
 * (https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests). Undefined for an algorithm the
 * spec doesn't register, which a client may then leave unchecked (distribution-spec, "Pulling manifests").
 */
export function computeDigest(bytes: Uint8Array, algorithm = "sha256"): string | undefined {
  if (algorithm !== "sha256" && algorithm !== "sha512") return undefined;
  return `${algorithm}:${createHash(algorithm).update(bytes).digest("hex")}`;
}
