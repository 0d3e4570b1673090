/**
 * The manifest media types this client asks for and reads. An image index (OCI) or manifest list (Docker) names
 * its children; an image manifest names a config and layers.
 * OCI: https://github.com/opencontainers/image-spec/blob/main/media-types.md
 * Docker: https://github.com/distribution/distribution/blob/main/docs/content/spec/manifest-v2-2.md
 */
export const OCI_INDEX = "application/vnd.oci.image.index.v1+json";
export const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
export const DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
export const DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";

export const INDEX_MEDIA_TYPES: readonly string[] = [OCI_INDEX, DOCKER_MANIFEST_LIST];
export const IMAGE_MEDIA_TYPES: readonly string[] = [OCI_MANIFEST, DOCKER_MANIFEST];

/**
 * Sent on every manifest request, GET and HEAD alike: CNCF Distribution answers an OCI index or manifest that the
 * Accept header leaves out with 404 MANIFEST_UNKNOWN ("OCI index found, but accept header does not support OCI
 * indexes"), and rewrites a Docker manifest list fetched by tag into one platform's manifest.
 */
export const MANIFEST_ACCEPT = [OCI_INDEX, DOCKER_MANIFEST_LIST, OCI_MANIFEST, DOCKER_MANIFEST].join(", ");

/**
 * BuildKit's attestation manifests sit in the index beside the platform manifests they describe, with platform
 * `unknown/unknown` and these annotations: https://docs.docker.com/build/metadata/attestations/attestation-storage/
 */
export const REFERENCE_TYPE_ANNOTATION = "vnd.docker.reference.type";
export const REFERENCE_DIGEST_ANNOTATION = "vnd.docker.reference.digest";
export const ATTESTATION_MANIFEST = "attestation-manifest";
