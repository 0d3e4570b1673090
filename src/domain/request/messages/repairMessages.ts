// What a repair tells people: the answer before any card, the card's list, and the thread's end. Plain text quoting
// names and digests, with dates as parts: the chat adapter escapes and renders it.
import type { ChatText } from "../../ports/chatText.js";
import type { RepairTarget, RestoreRequest } from "../../command/restoreRequest.js";
import type { ChildCheck, RepairItem, RepairState, TagDiagnosis } from "../../repair/repairState.js";
import { repositoryName } from "../../repair/repositoryName.js";
import { MAX_REPAIR_VERSIONS } from "../../repair/planRepair.js";

type Line = Exclude<ChatText, string>[number][];
/** Broken tags listed in full in a scan's answer; the rest are counted. */
const MAX_TAGS_SHOWN = 12;

/** `ghcr.io/acme/app:1.4`, or `…@sha256:…` for an index asked for by digest. */
export function imageRef(host: string, request: RestoreRequest, reference: string): string {
  const image = `${host}/${repositoryName(request)}`;
  return reference.startsWith("sha256:") ? `${image}@${reference}` : `${image}:${reference}`;
}

/** A digest as Docker shows it: the algorithm and the first 12 hex digits. */
export function shortDigest(digest: string): string {
  return digest.slice(0, 19);
}

/** The private answer before any card: per tag, what was found, then what happens next. */
export function diagnosisText(
  request: RestoreRequest & { target: RepairTarget },
  repair: RepairState,
  host: string,
  command: string,
  next: "approval" | "direct" | "nothing",
): ChatText {
  const lines: Line[] = [];
  const shown = repair.scanned ? repair.diagnosis.filter((tag) => tag.kind !== "healthy") : repair.diagnosis;
  if (repair.scanned) {
    const { versions, page, hasMore } = repair.scanned;
    const healthy = repair.diagnosis.length - shown.length;
    lines.push([
      `Scanned the ${repair.diagnosis.length} tagged versions among the ${versions} most recent of ${host}/${repositoryName(request)} (page ${page}): ` +
        `${shown.length} broken, ${healthy} healthy.${hasMore ? ` Older tags: \`${command} repair ${request.org} ${request.packageName} page=${page + 1}\`.` : ""}`,
    ]);
  }
  for (const tag of shown.slice(0, MAX_TAGS_SHOWN)) lines.push(...describeTag(tag, request, host, command));
  if (shown.length > MAX_TAGS_SHOWN) lines.push([`…and ${shown.length - MAX_TAGS_SHOWN} more broken tags.`]);
  const count = repair.items.length;
  const versions = `${count} deleted version${count === 1 ? "" : "s"}`;
  if (next === "approval") lines.push([`I'm asking for approval to restore ${versions}; the card lists them.`]);
  if (next === "direct")
    lines.push([`Restoring ${versions} now; the card's thread will say whether the tag pulls again.`]);
  if (next === "nothing") lines.push(["Nothing to restore, so no request was made."]);
  if (repair.tagsLeft)
    lines.push([
      `${repair.tagsLeft} more broken tag${repair.tagsLeft === 1 ? "" : "s"} didn't fit in this request (at most ${MAX_REPAIR_VERSIONS} versions each): repair ${repair.tagsLeft === 1 ? "it" : "them"} by tag once this one is done.`,
    ]);
  return joinLines(lines);
}

function describeTag(tag: TagDiagnosis, request: RestoreRequest, host: string, command: string): Line[] {
  const name = `\`${imageRef(host, request, tag.reference)}\``;
  const also = tag.otherTags?.length ? ` (also ${tag.otherTags.map((other) => `\`${other}\``).join(", ")})` : "";
  switch (tag.kind) {
    case "healthy":
      return [[`✓ ${name}${also}: ${countChildren(tag.children)} resolve; nothing to repair.`]];
    case "not_index":
      return [
        [`✓ ${name}${also} is a single-platform image, not an index: there are no platform manifests to repair.`],
      ];
    case "unreadable":
      return [[`✗ ${name}: I couldn't read it. ${tag.reason ?? ""}`.trim()]];
    case "tag_unknown":
      return [tagUnknown(tag, name, request, command)];
    case "repairable":
    case "not_repairable": {
      const missing = tag.children.filter((child) => child.state.kind !== "resolves");
      const verdict =
        tag.kind === "repairable"
          ? `doesn't pull; ${missing.filter((child) => child.state.kind === "deleted").length} of ${missing.length} missing can be restored:`
          : "doesn't pull, and nothing missing can be restored: republish this tag.";
      return [[`✗ ${name}${also} ${verdict}`], ...missing.map((child) => childLine(child))];
    }
  }
}

function tagUnknown(tag: TagDiagnosis, name: string, request: RestoreRequest, command: string): Line {
  const deleted = tag.deletedVersion;
  const line: Line = [`✗ The registry doesn't know ${name}.`];
  if (deleted === undefined)
    return [...line, " GitHub lists no deleted version with that tag: check the name and tag."];
  line.push(` Its version (ID ${deleted.versionId}) was deleted`);
  if (deleted.deletedAt) line.push(" ", { date: deleted.deletedAt });
  if (!deleted.restorable) return [...line, ", more than 30 days ago: GitHub can't restore it; republish this tag."];
  return [
    ...line,
    `: restore it with \`${command} ${request.org} container ${request.packageName} tag=${tag.reference}\`; I'll check whether it pulls once it's back.`,
  ];
}

/** One missing child: what it is and what can be done about it. */
function childLine(child: ChildCheck): Line {
  const what = `    • ${child.platform}${child.role === "attestation" ? " attestation" : ""} · ${shortDigest(child.digest)}`;
  const { state } = child;
  switch (state.kind) {
    case "deleted":
      return state.deletedAt
        ? [`${what} · version ${state.versionId} · deleted `, { date: state.deletedAt }]
        : [`${what} · version ${state.versionId} · deleted`];
    case "too_old":
      return [`${what} · deleted `, { date: state.deletedAt }, ", more than 30 days ago: GitHub can't restore it"];
    case "gone":
      return [
        `${what} · gone: not among ${state.searched === "all" ? "the package's" : `the newest ${state.searched}`} deleted versions`,
      ];
    case "unknown":
      return [`${what} · couldn't tell: ${state.reason}`];
    case "resolves":
      return [`${what} · resolves`];
  }
}

function countChildren(children: readonly ChildCheck[]): string {
  const platforms = children.filter((child) => child.role === "platform").length;
  const attestations = children.length - platforms;
  const parts = [`${children.length > 1 ? "all " : ""}${platforms} platform${platforms === 1 ? "" : "s"}`];
  if (attestations > 0) parts.push(`${attestations} attestation${attestations === 1 ? "" : "s"}`);
  return parts.join(" and ");
}

/** The card's list: one line per version the repair restores. */
export function repairItemLine(item: RepairItem): Line {
  const role = item.role === "attestation" ? " attestation" : "";
  const line: Line = [
    `${item.platform}${role} · ${shortDigest(item.digest)} · ID ${item.versionId} · tag ${item.reference}`,
  ];
  if (item.outcome !== undefined) line.push(item.outcome.kind === "restored" ? " · restored" : " · not restored");
  return line;
}

function joinLines(lines: Line[]): Line {
  return lines.flatMap((line, index) => (index === 0 ? line : ["\n", ...line]));
}

/**
 * A finished repair for its thread: how many versions came back, and per tag whether `docker pull` works again on
 * each platform, or what is still broken and why. `itemFailure` describes one version's failed restore.
 */
export function describeRepairEnd(
  request: RestoreRequest,
  repair: RepairState,
  host: string,
  itemFailure: (item: RepairItem) => string,
): { ok: boolean; headline: string; nextStep: string; details: string[] } {
  const restored = repair.items.filter((item) => item.outcome?.kind === "restored").length;
  const total = repair.items.length;
  const verification = repair.verification ?? [];
  const pulls = verification.filter((tag) => tag.kind === "healthy");
  const unchecked = verification.filter((tag) => tag.kind === "unreadable").length;
  const ok = restored === total && pulls.length === verification.length;
  const details: string[] = [];
  for (const tag of verification) details.push(verifiedLine(tag, request, host, repair.items));
  for (const item of repair.items)
    if (item.outcome?.kind !== "restored")
      details.push(
        `${item.platform}${item.role === "attestation" ? " attestation" : ""} ${shortDigest(item.digest)} (version ${item.versionId}) was not restored: ${itemFailure(item)}`,
      );
  const tags =
    verification.length === 1
      ? pulls.length === 1
        ? "the tag pulls again on every platform"
        : unchecked === 1
          ? "the registry couldn't be asked whether the tag pulls"
          : "the tag still doesn't pull on every platform"
      : `${pulls.length} of ${verification.length} tags pull again on every platform${unchecked > 0 ? ` (${unchecked} couldn't be checked)` : ""}`;
  const headline = `${ok ? "Repaired" : "Repair incomplete"}: restored ${restored} of ${total} deleted version${total === 1 ? "" : "s"}; ${tags}.`;
  const nextStep = ok
    ? ""
    : "What is still broken is listed below; a tag with nothing left to restore needs republishing.";
  return { ok, headline, nextStep, details };
}

function verifiedLine(tag: TagDiagnosis, request: RestoreRequest, host: string, items: readonly RepairItem[]): string {
  const pull = `docker pull ${imageRef(host, request, tag.reference)}`;
  if (tag.kind === "unreadable") return `${pull}: couldn't verify: ${tag.reason ?? "the registry didn't answer"}`;
  const platforms = [...new Set(tag.children.filter((c) => c.role === "platform").map((c) => c.platform))];
  if (tag.kind === "healthy") return `${pull} works again on ${platforms.join(", ") || "every platform"}.`;
  const broken = tag.children.filter((child) => child.state.kind !== "resolves");
  return `${pull} still fails: ${broken.map((child) => `${child.platform}${child.role === "attestation" ? " attestation" : ""} ${shortDigest(child.digest)} ${stillMissing(child, items)}`).join("; ")}.`;
}

function stillMissing(child: ChildCheck, items: readonly RepairItem[]): string {
  const item = items.find((candidate) => candidate.digest === child.digest);
  if (item?.outcome?.kind === "restored")
    return "was restored but the registry doesn't serve it yet; try again in a minute";
  if (item !== undefined) return "was not restored (below)";
  switch (child.state.kind) {
    case "too_old":
      return `was deleted ${child.state.deletedAt.slice(0, 10)}, more than 30 days ago: republish this tag`;
    case "gone":
      return "is gone from GitHub: republish this tag";
    case "unknown":
      return `couldn't be checked: ${child.state.reason}`;
    default:
      return "doesn't resolve";
  }
}

/** After a `tag=` restore of a container: the tag is back but doesn't pull, and how to repair it. */
export function pullCheckNote(request: RestoreRequest, check: TagDiagnosis, host: string, command: string): string {
  const ref = imageRef(host, request, check.reference);
  const missing = check.children.filter((child) => child.state.kind !== "resolves");
  const names = missing.map((child) => `${child.platform} ${shortDigest(child.digest)}`).join(", ");
  if (check.kind === "repairable")
    return `The tag is back, but \`docker pull ${ref}\` still fails: ${names} ${missing.length === 1 ? "is" : "are"} deleted. Repair it: \`${command} repair ${request.org} ${ref}\`.`;
  return `The tag is back, but \`docker pull ${ref}\` still fails: ${names} can't be restored (deleted more than 30 days ago, or gone); republish this tag.`;
}
