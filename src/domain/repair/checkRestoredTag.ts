import type { FlowDeps } from "../request/flowDeps.js";
import type { RequestRecord } from "../request/requestRecord.js";
import { withDeadline } from "../request/withDeadline.js";
import { classifyTag } from "./classifyTag.js";
import { listDeletedDigests } from "./listDeletedDigests.js";
import { readImageTag } from "./readImageTag.js";
import type { TagDiagnosis } from "./repairState.js";
import { repositoryName } from "./repositoryName.js";

/** A check after the restore: it may hold the thread's answer this long at most. */
export const PULL_CHECK_TIMEOUT_MS = 20_000;

/**
 * Once a container version restored by tag is back, whether the tag pulls: a tagged index restored while its
 * platform manifests stay deleted still answers `manifest unknown` on pull. Undefined when there is no tag to check
 * or the check couldn't be made (the restore's answer stands on its own).
 */
export async function checkRestoredTag(record: RequestRecord, deps: FlowDeps): Promise<TagDiagnosis | undefined> {
  const { request } = record;
  const tag = request.target.kind === "version" ? request.target.label?.split(", ")[0] : undefined;
  if (request.packageType !== "container" || tag === undefined || tag.startsWith("sha256:")) return undefined;
  const check = async (): Promise<TagDiagnosis | undefined> => {
    const read = await readImageTag(deps.registry, repositoryName(request), tag);
    if (read.kind !== "not_repairable") return read.kind === "healthy" ? read : undefined;
    const found = classifyTag(read, await listDeletedDigests(deps.github, request), deps.now());
    // Only what is known to be missing is told: a registry or GitHub that couldn't answer says nothing about the pull.
    return found.kind === "repairable" || found.kind === "not_repairable" ? found : undefined;
  };
  return withDeadline(check(), PULL_CHECK_TIMEOUT_MS, () => undefined);
}
