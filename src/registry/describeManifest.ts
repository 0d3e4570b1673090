import { isDigest } from "./checkRegistryReference.js";
import {
  ATTESTATION_MANIFEST,
  IMAGE_MEDIA_TYPES,
  INDEX_MEDIA_TYPES,
  REFERENCE_DIGEST_ANNOTATION,
  REFERENCE_TYPE_ANNOTATION,
} from "./manifestMediaTypes.js";
import type { IndexChild, ManifestAnswer, Platform } from "./registryClient.js";

type Described = Extract<ManifestAnswer, { kind: "index" | "image" | "invalid" }>;

/**
 * Reads verified manifest bytes. The type is the Content-Type without parameters, which clients should ignore;
 * a `mediaType` field that disagrees with it is rejected, as the spec asks
 * (https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-manifests). Index fields:
 * https://github.com/opencontainers/image-spec/blob/main/image-index.md
 */
export function describeManifest(bytes: Uint8Array, contentType: string | null, digest: string): Described {
  let manifest: unknown;
  try {
    manifest = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return { kind: "invalid", reason: `The manifest ${digest} is not JSON.` };
  }
  if (typeof manifest !== "object" || manifest === null || Array.isArray(manifest))
    return { kind: "invalid", reason: `The manifest ${digest} is not a JSON object.` };
  const declared = (manifest as { mediaType?: unknown }).mediaType;
  const header = contentType?.split(";")[0]?.trim().toLowerCase() || undefined;
  if (typeof declared === "string" && header !== undefined && declared !== header) {
    return { kind: "invalid", reason: `The manifest ${digest} says it is ${declared} but was served as ${header}.` };
  }
  const mediaType = header ?? (typeof declared === "string" ? declared : undefined);
  if (mediaType !== undefined && IMAGE_MEDIA_TYPES.includes(mediaType)) return { kind: "image", digest, mediaType };
  if (mediaType === undefined || !INDEX_MEDIA_TYPES.includes(mediaType)) {
    return {
      kind: "invalid",
      reason: `The manifest ${digest} is of a type this bot doesn't read (${mediaType ?? "none given"}).`,
    };
  }
  const entries = (manifest as { manifests?: unknown }).manifests;
  if (!Array.isArray(entries)) return { kind: "invalid", reason: `The index ${digest} has no manifests list.` };
  const children: IndexChild[] = [];
  for (const entry of entries) {
    const child = readChild(entry);
    if (child === undefined)
      return { kind: "invalid", reason: `The index ${digest} lists a manifest without a valid digest and media type.` };
    children.push(child);
  }
  return { kind: "index", digest, mediaType, children };
}

function readChild(entry: unknown): IndexChild | undefined {
  if (typeof entry !== "object" || entry === null) return undefined;
  const { digest, mediaType, size, platform, annotations } = entry as Record<string, unknown>;
  if (typeof digest !== "string" || !isDigest(digest) || typeof mediaType !== "string") return undefined;
  const child: IndexChild = { digest, mediaType };
  if (typeof size === "number") child.size = size;
  const readPlatform = readPlatformOf(platform);
  if (readPlatform) child.platform = readPlatform;
  const notes = typeof annotations === "object" && annotations !== null ? (annotations as Record<string, unknown>) : {};
  const subject = notes[REFERENCE_DIGEST_ANNOTATION];
  if (notes[REFERENCE_TYPE_ANNOTATION] === ATTESTATION_MANIFEST && typeof subject === "string" && isDigest(subject))
    child.attestationFor = subject;
  return child;
}

function readPlatformOf(value: unknown): Platform | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { os, architecture, variant } = value as Record<string, unknown>;
  if (typeof os !== "string" || typeof architecture !== "string") return undefined;
  return typeof variant === "string" ? { os, architecture, variant } : { os, architecture };
}
