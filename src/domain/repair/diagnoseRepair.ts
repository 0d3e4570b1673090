import type { FlowDeps } from "../request/flowDeps.js";
import { latest, moveRecord, recordAfter } from "../request/moveRecord.js";
import type { RequestRecord } from "../request/requestRecord.js";
import { isRepair } from "../command/restoreRequest.js";
import { diagnosisText } from "../request/messages/repairMessages.js";
import { diagnoseImage } from "./diagnoseImage.js";
import { planRepair } from "./planRepair.js";
import type { TagDiagnosis } from "./repairState.js";

/**
 * What the registry and GitHub show of the image, written to the record (a redelivery doesn't read it all again).
 * With nothing to restore the request ends here, refused, and the requester is told what was found; otherwise it
 * goes on to take the image's slot, and `tellRepairDiagnosis` tells them once it has (a repair of the same image
 * already waiting is pointed to instead).
 */
export async function diagnoseRepair(record: RequestRecord, deps: FlowDeps): Promise<RequestRecord> {
  const { request } = record;
  if (!isRepair(request)) return record;
  let current = record;
  if (current.repair === undefined) {
    const found = await diagnoseImage(request, { registry: deps.registry, github: deps.github, now: deps.now });
    const { items, tagsLeft } = planRepair(found.diagnosis);
    // A scan keeps only what its answer and verification read: healthy tags are counted, not listed.
    const diagnosis = found.scanned ? found.diagnosis.map(withoutHealthyChildren) : found.diagnosis;
    const repair = { ...found, diagnosis, items, ...(tagsLeft > 0 ? { tagsLeft } : {}) };
    current = recordAfter(await moveRecord(deps, record, { repair }, "received"), record.id);
    if (current.state !== "received" || current.repair === undefined) return current;
  }
  const repair = current.repair;
  if (repair === undefined || repair.items.length > 0) return current;
  await deps.chat.tellPrivately(diagnosisText(request, repair, deps.registry.host, deps.command, "nothing"));
  const refusal = repair.diagnosis.some((tag) => tag.kind === "unreadable") ? "repair_unreadable" : "nothing_to_repair";
  const move = await moveRecord(deps, current, { state: "refused", refusal, reported: true }, "received");
  return latest(move) ?? current;
}

function withoutHealthyChildren(tag: TagDiagnosis): TagDiagnosis {
  return tag.kind === "healthy" ? { ...tag, children: [] } : tag;
}

/** The answer before the card, once the repair holds the image's slot. */
export async function tellRepairDiagnosis(record: RequestRecord, deps: FlowDeps): Promise<void> {
  const { request, repair } = record;
  if (!isRepair(request) || repair === undefined) return;
  await deps.chat.tellPrivately(diagnosisText(request, repair, deps.registry.host, deps.command, record.mode));
}
