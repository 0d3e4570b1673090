import type { RestoreOutcome } from "../request/restoreOutcome.js";

/**
 * What the registry and GitHub showed about one child of an index (a platform manifest or a build attestation):
 * - resolves: the registry serves it;
 * - deleted: it doesn't resolve, and GitHub lists it among the package's deleted versions within 30 days;
 * - too_old: GitHub lists it as deleted more than 30 days ago, past what GitHub restores;
 * - gone: it doesn't resolve and GitHub lists no deleted version with its digest (`searched` says how far it looked);
 * - unknown: the registry couldn't say (`reason` says why).
 */
export type ChildState =
  | { kind: "resolves" }
  | { kind: "deleted"; versionId: number; deletedAt?: string }
  | { kind: "too_old"; versionId: number; deletedAt: string }
  | { kind: "gone"; searched: "all" | number }
  | { kind: "unknown"; reason: string };

export interface ChildCheck {
  digest: string;
  /** `attestation` for BuildKit's attestation manifests, else a platform's image manifest. */
  role: "platform" | "attestation";
  /** e.g. linux/arm64/v8; for an attestation, the platform of the manifest it describes, when the index says. */
  platform: string;
  state: ChildState;
}

/**
 * One tag (or index digest) as diagnosed, in the answer before any card and again after a repair:
 * - healthy: an index whose every child resolves;
 * - repairable: some children don't resolve and at least one of them can be restored;
 * - not_repairable: some children don't resolve and none can be restored (too old, or gone: republish);
 * - not_index: a single-platform image, nothing to repair by this command;
 * - tag_unknown: the registry doesn't know the tag; `deletedVersion` when GitHub lists it deleted (a `tag=` restore);
 * - unreadable: the registry refused or didn't answer (`reason` says what to do).
 */
export interface TagDiagnosis {
  /** The tag, or the index digest, as asked or found. */
  reference: string;
  /** Other tags on the same version, when found by a scan. */
  otherTags?: string[];
  kind: "healthy" | "repairable" | "not_repairable" | "not_index" | "tag_unknown" | "unreadable";
  indexDigest?: string;
  children: ChildCheck[];
  deletedVersion?: { versionId: number; deletedAt?: string; restorable: boolean };
  reason?: string;
}

/** One deleted child the repair restores, each claimed and recorded on its own so none is restored twice. */
export interface RepairItem {
  versionId: number;
  digest: string;
  /** The tag (or index digest) it was found under. */
  reference: string;
  role: ChildCheck["role"];
  platform: string;
  deletedAt?: string;
  /** Set just before GitHub is asked; a claim without an outcome is a call whose answer was never recorded. */
  claimedAt?: string;
  outcome?: RestoreOutcome;
  /** When its outcome was written. */
  settledAt?: string;
}

export interface RepairState {
  /** What was found before any card: one entry per tag diagnosed. */
  diagnosis: TagDiagnosis[];
  /** For a scan without a tag: how many tagged versions it looked at, and which page. */
  scanned?: { versions: number; page: number; hasMore: boolean };
  items: RepairItem[];
  /** Repairable tags left out because the request already holds as many versions as one repair restores. */
  tagsLeft?: number;
  /** The tags read again through the registry once every item has an outcome. */
  verification?: TagDiagnosis[];
}
