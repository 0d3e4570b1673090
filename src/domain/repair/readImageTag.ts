import type { ImageRegistry } from "../ports/imageRegistry.js";
import { mapWithLimit } from "./mapWithLimit.js";
import { platformOf } from "./platformOf.js";
import type { ChildCheck, TagDiagnosis } from "./repairState.js";

/** HEADs in flight per index: BuildKit images have 2 to 16 children. */
const CHILD_READS = 4;

/**
 * What the registry alone shows of a tag (or index digest): the index and whether each child resolves. A child that
 * doesn't resolve is marked `gone` here; classifyTag then looks it up among GitHub's deleted versions.
 */
export async function readImageTag(
  registry: ImageRegistry,
  repository: string,
  reference: string,
): Promise<TagDiagnosis> {
  const answer = await registry.readManifest(repository, reference);
  switch (answer.kind) {
    case "image":
      return { reference, kind: "not_index", indexDigest: answer.digest, children: [] };
    case "unknown_manifest":
      return { reference, kind: "tag_unknown", children: [] };
    case "refused":
    case "unavailable":
    case "invalid":
      return { reference, kind: "unreadable", children: [], reason: answer.reason };
    case "index":
      break;
  }
  const children = await mapWithLimit(answer.children, CHILD_READS, async (child): Promise<ChildCheck> => {
    const found = await registry.manifestExists(repository, child.digest);
    const check = {
      digest: child.digest,
      role: child.attestationFor === undefined ? ("platform" as const) : ("attestation" as const),
      platform: platformOf(child, answer.children),
    };
    if (found.kind === "exists") return { ...check, state: { kind: "resolves" } };
    if (found.kind === "unknown_manifest") return { ...check, state: { kind: "gone", searched: "all" } };
    return { ...check, state: { kind: "unknown", reason: found.reason } };
  });
  const healthy = children.every((child) => child.state.kind === "resolves");
  return { reference, kind: healthy ? "healthy" : "not_repairable", indexDigest: answer.digest, children };
}
