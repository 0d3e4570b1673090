/**
 * Builds a multi-platform image the way `docker buildx build --platform … --provenance` lays it out: an index
 * whose children are one image manifest per platform and, for each, an attestation manifest (platform
 * unknown/unknown, annotated with the platform manifest's digest). Bytes are deterministic for a seed, so a seed
 * of the GitHub simulator can name the same digests as package versions.
 * Attestation layout: https://docs.docker.com/build/metadata/attestations/attestation-storage/
 */
import { createHash } from "node:crypto";
import {
  DOCKER_MANIFEST,
  DOCKER_MANIFEST_LIST,
  OCI_INDEX,
  OCI_MANIFEST,
} from "../../../src/registry/manifestMediaTypes.js";
import type { Platform } from "../../../src/registry/registryClient.js";

export interface BuiltBlob {
  digest: string;
  bytes: Buffer;
}

export interface BuiltManifest extends BuiltBlob {
  mediaType: string;
}

export interface BuiltChild extends BuiltManifest {
  platform: Platform;
  /** For an attestation manifest: the platform manifest it describes. */
  attestationFor?: string;
}

export interface BuiltImage {
  index: BuiltManifest;
  /** Platform manifests first, then attestations, in the index's order. */
  children: BuiltChild[];
  /** Configs and layers, which a real registry needs before the manifests that name them. */
  blobs: BuiltBlob[];
}

export interface ImageShape {
  platforms?: Platform[];
  /** One attestation manifest per platform (OCI only, as BuildKit makes them). Default true for OCI. */
  attestations?: boolean;
  format?: "oci" | "docker";
  /** Varies every byte, so two images of one repository have different digests. */
  seed?: string;
}

export const DEFAULT_PLATFORMS: readonly Platform[] = [
  { os: "linux", architecture: "amd64" },
  { os: "linux", architecture: "arm64", variant: "v8" },
];

const ATTESTATION_PLATFORM: Platform = { os: "unknown", architecture: "unknown" };

export function digestOf(bytes: Buffer): string {
  return `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
}

function blob(text: string): BuiltBlob {
  const bytes = Buffer.from(text);
  return { digest: digestOf(bytes), bytes };
}

function manifest(value: unknown, mediaType: string): BuiltManifest {
  const bytes = Buffer.from(JSON.stringify(value));
  return { digest: digestOf(bytes), bytes, mediaType };
}

const descriptor = (mediaType: string, built: BuiltBlob) => ({
  mediaType,
  digest: built.digest,
  size: built.bytes.length,
});

export function buildImageIndex(shape: ImageShape = {}): BuiltImage {
  const format = shape.format ?? "oci";
  const platforms = shape.platforms ?? DEFAULT_PLATFORMS;
  const attestations = shape.attestations ?? format === "oci";
  if (attestations && format !== "oci") throw new Error("BuildKit stores attestations only in OCI indexes.");
  const seed = shape.seed ?? "app";
  const oci = format === "oci";
  const blobs: BuiltBlob[] = [];
  const images: BuiltChild[] = [];
  const proofs: BuiltChild[] = [];

  for (const platform of platforms) {
    // Registries store layers as opaque bytes; these are not real tarballs, and their media type doesn't claim gzip.
    const layer = blob(`layer of ${seed} for ${platformName(platform)}\n`);
    const config = blob(
      JSON.stringify({
        ...platform,
        rootfs: { type: "layers", diff_ids: [layer.digest] },
        config: { Labels: { seed } },
      }),
    );
    blobs.push(layer, config);
    const image = manifest(
      {
        schemaVersion: 2,
        mediaType: oci ? OCI_MANIFEST : DOCKER_MANIFEST,
        config: descriptor(
          oci ? "application/vnd.oci.image.config.v1+json" : "application/vnd.docker.container.image.v1+json",
          config,
        ),
        layers: [
          descriptor(
            oci ? "application/vnd.oci.image.layer.v1.tar" : "application/vnd.docker.image.rootfs.diff.tar",
            layer,
          ),
        ],
      },
      oci ? OCI_MANIFEST : DOCKER_MANIFEST,
    );
    images.push({ ...image, platform });
    if (!attestations) continue;
    const statement = blob(
      JSON.stringify({
        _type: "https://in-toto.io/Statement/v0.1",
        predicateType: "https://slsa.dev/provenance/v0.2",
        subject: [
          {
            name: `pkg:docker/${seed}?platform=${encodeURIComponent(platformName(platform))}`,
            digest: { sha256: image.digest.slice("sha256:".length) },
          },
        ],
        predicate: { builder: { id: "package-restore-test" } },
      }),
    );
    const proofConfig = blob(
      JSON.stringify({
        architecture: "unknown",
        os: "unknown",
        config: {},
        rootfs: { type: "layers", diff_ids: [statement.digest] },
      }),
    );
    blobs.push(statement, proofConfig);
    const proof = manifest(
      {
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: descriptor("application/vnd.oci.image.config.v1+json", proofConfig),
        layers: [
          {
            ...descriptor("application/vnd.in-toto+json", statement),
            annotations: { "in-toto.io/predicate-type": "https://slsa.dev/provenance/v0.2" },
          },
        ],
      },
      OCI_MANIFEST,
    );
    proofs.push({ ...proof, platform: ATTESTATION_PLATFORM, attestationFor: image.digest });
  }

  const children = [...images, ...proofs];
  const index = manifest(
    {
      schemaVersion: 2,
      mediaType: oci ? OCI_INDEX : DOCKER_MANIFEST_LIST,
      manifests: children.map((child) => ({
        ...descriptor(child.mediaType, child),
        ...(child.attestationFor
          ? {
              annotations: {
                "vnd.docker.reference.digest": child.attestationFor,
                "vnd.docker.reference.type": "attestation-manifest",
              },
            }
          : {}),
        platform: child.platform,
      })),
    },
    oci ? OCI_INDEX : DOCKER_MANIFEST_LIST,
  );
  return { index, children, blobs };
}

export function platformName(platform: Platform): string {
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join("/");
}
