import type { ResolvedRequest } from "../command/restoreRequest.js";
import type { RequestRecord } from "../request/requestRecord.js";
import type { RepairItem } from "./repairState.js";

/** The repair's version as a request of its own: what GitHub is asked to restore, or looked up. */
export function versionRequest(record: RequestRecord, item: RepairItem): ResolvedRequest {
  const label = `${item.platform} ${item.role === "attestation" ? "attestation " : ""}${item.digest.slice(0, 19)}`;
  return { ...record.request, target: { kind: "version", versionId: item.versionId, label } };
}
