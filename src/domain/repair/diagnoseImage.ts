import type { ImageRegistry } from "../ports/imageRegistry.js";
import type { PackageRestorer } from "../ports/packageRestorer.js";
import type { RepairTarget, RestoreRequest } from "../command/restoreRequest.js";
import { withDeadline } from "../request/withDeadline.js";
import { classifyTag } from "./classifyTag.js";
import { listDeletedDigests } from "./listDeletedDigests.js";
import { mapWithLimit } from "./mapWithLimit.js";
import { readImageTag } from "./readImageTag.js";
import type { RepairState, TagDiagnosis } from "./repairState.js";
import { repositoryName } from "./repositoryName.js";

/** A scan without a tag looks at this many tagged versions, newest first, per page. */
export const SCAN_PAGE_SIZE = 50;
/** Indexes read at once during a scan. */
const TAG_READS = 4;
/** The diagnosis is the answer before any card: longer than this and the requester is told to try again. */
export const DIAGNOSIS_TIMEOUT_MS = 45_000;

export interface DiagnosisPorts {
  registry: ImageRegistry;
  github: Pick<PackageRestorer, "deletedVersions" | "activeVersions">;
  now: () => Date;
}

type Diagnosis = Pick<RepairState, "diagnosis" | "scanned">;

/**
 * What is broken behind a tag, or behind every tag on a page of the package's tagged versions: registry reads for
 * each index and child, then one listing of GitHub's deleted versions for whatever didn't resolve. Never throws.
 */
export async function diagnoseImage(
  request: RestoreRequest & { target: RepairTarget },
  ports: DiagnosisPorts,
): Promise<Diagnosis> {
  return withDeadline(diagnose(request, ports), DIAGNOSIS_TIMEOUT_MS, (why) => ({
    diagnosis: [
      {
        reference: describeReference(request.target),
        kind: "unreadable",
        children: [],
        reason: why === "timeout" ? "The registry and GitHub took too long to answer." : "Reading the image failed.",
      },
    ],
  }));
}

async function diagnose(request: RestoreRequest & { target: RepairTarget }, ports: DiagnosisPorts): Promise<Diagnosis> {
  const repository = repositoryName(request);
  const { reference, page = 1 } = request.target;
  let read: TagDiagnosis[];
  let scanned: Diagnosis["scanned"];
  if (reference !== undefined) {
    read = [await readImageTag(ports.registry, repository, "tag" in reference ? reference.tag : reference.digest)];
  } else {
    const listed = await ports.github.activeVersions(request, { page, perPage: SCAN_PAGE_SIZE });
    if (listed.kind !== "versions") {
      const reason =
        listed.kind === "unknown" ? listed.reason : "GitHub shows no active package of that name, so no tags to scan";
      return { diagnosis: [{ reference: "every tag", kind: "unreadable", children: [], reason }] };
    }
    const tagged = listed.versions.filter((version) => version.tags.length > 0);
    scanned = { versions: listed.versions.length, page, hasMore: listed.hasMore };
    read = await mapWithLimit(tagged, TAG_READS, async (version) => {
      const [tag = version.name, ...otherTags] = version.tags;
      const found = await readImageTag(ports.registry, repository, version.name);
      return { ...found, reference: tag, ...(otherTags.length > 0 ? { otherTags } : {}) };
    });
  }
  const needsGitHub = read.some((tag) => tag.kind === "tag_unknown" || tag.kind === "not_repairable");
  const deleted = needsGitHub ? await listDeletedDigests(ports.github, request) : undefined;
  const now = ports.now();
  const diagnosis = read.map((tag) => classifyTag(tag, deleted, now));
  return scanned === undefined ? { diagnosis } : { diagnosis, scanned };
}

function describeReference(target: RepairTarget): string {
  const { reference } = target;
  if (reference === undefined) return "every tag";
  return "tag" in reference ? reference.tag : reference.digest;
}
