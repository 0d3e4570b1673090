import { PackageRestoreError } from "../errors.js";
import { describeOutcome } from "./describeOutcome.js";
import type { PackageRestorer } from "./packageRestorer.js";
import type { Person, RequestRecord } from "./requestRecord.js";
import type { RequestStore } from "./requestStore.js";
import type { RestoreChat } from "./restoreChat.js";
import { isOrgAllowed, type RestorePolicy } from "./restorePolicy.js";
import type { RestoreRequest } from "./restoreRequest.js";

export interface DirectRestoreJob {
  /** Stable across redeliveries of the same hand-off: the idempotency key. */
  id: string;
  requester: Person;
  channelId: string;
  request: RestoreRequest;
}

export interface DirectRestoreDeps {
  store: RequestStore;
  chat: RestoreChat;
  github: PackageRestorer;
  policy: RestorePolicy;
  isRequesterAllowed: (userId: string) => Promise<boolean>;
  now: () => Date;
}

/**
 * The direct path: record, post the request message, restore, reply in its
 * thread. Safe to run again for the same job ID (a redelivered hand-off): it
 * resumes from the recorded state and never calls GitHub's restore twice.
 */
export async function runDirectRestore(job: DirectRestoreJob, deps: DirectRestoreDeps): Promise<RequestRecord> {
  const at = deps.now().toISOString();
  const fresh: RequestRecord = { ...job, state: "received", createdAt: at, updatedAt: at };
  const record = (await deps.store.create(fresh)) ? fresh : await mustGet(deps.store, job.id);

  switch (record.state) {
    case "received":
      return proceed(record, deps);
    case "restoring":
      return reportInterrupted(record, deps);
    default:
      return record.reported ? record : report(record, deps);
  }
}

async function proceed(record: RequestRecord, deps: DirectRestoreDeps): Promise<RequestRecord> {
  const refusal = await checkPolicy(record, deps);
  if (refusal !== undefined) {
    await deps.chat.tellRequester(refusal);
    return (await move(record, deps, { state: "refused", reported: true })) ?? record;
  }

  let current = record;
  if (current.thread === undefined) {
    const posted = await deps.chat.postRequest(current);
    if (!posted.posted) {
      await deps.chat.tellRequester(
        "I can't post in this channel, so I did not restore anything. Invite me with `/invite @package-restore` (or run the command in a channel I'm in), then ask again.",
      );
      return (await move(current, deps, { state: "not_posted", reported: true })) ?? current;
    }
    current = (await move(current, deps, { thread: posted.thread }, "received")) ?? current;
  }

  // Claiming "restoring" before calling GitHub is what makes a redelivery unable to restore twice.
  const claimed = await move(current, deps, { state: "restoring" });
  if (claimed === undefined) return mustGet(deps.store, record.id);
  const outcome = await deps.github.restore(claimed.request);
  const finished = await move(claimed, deps, { state: outcome.kind === "restored" ? "restored" : "failed", outcome });
  return report(finished ?? claimed, deps);
}

async function checkPolicy(record: RequestRecord, deps: DirectRestoreDeps): Promise<string | undefined> {
  if (!isOrgAllowed(deps.policy, record.request.org)) {
    return `This bot doesn't restore packages in ${record.request.org}. It is set up for: ${[...(deps.policy.orgs ?? [])].join(", ")}.`;
  }
  let allowed: boolean;
  try {
    allowed = await deps.isRequesterAllowed(record.requester.userId);
  } catch (error) {
    const detail = error instanceof PackageRestoreError ? error.message : "Slack did not answer; try again in a minute.";
    return `I couldn't check whether you may restore packages, so nothing was done. ${detail}`;
  }
  if (!allowed) {
    return "You're not on the list of people who may restore packages. Ask an operator to add you (or a user group you're in) to RESTORE_REQUESTERS.";
  }
  return undefined;
}

/** Posts the recorded outcome in the thread and on the request message, then marks it told. */
async function report(record: RequestRecord, deps: DirectRestoreDeps): Promise<RequestRecord> {
  if (record.outcome === undefined || record.thread === undefined) return record;
  const description = describeOutcome(record.outcome, record.request, deps.github.authMode);
  await deps.chat.replyOutcome(record, description);
  await deps.chat.updateRequest(record);
  return (await move(record, deps, { reported: true }, record.state)) ?? record;
}

/**
 * A worker stopped between claiming the restore and recording GitHub's answer.
 * Restoring again could act twice, so say what is known and point to the package.
 */
async function reportInterrupted(record: RequestRecord, deps: DirectRestoreDeps): Promise<RequestRecord> {
  const outcome = { kind: "github_unavailable" as const };
  const failed = (await move(record, deps, { state: "failed", outcome })) ?? record;
  const link = deps.github.packageUrl(record.request);
  if (failed.thread !== undefined) {
    await deps.chat.replyOutcome(failed, {
      ok: false,
      headline: "The restore was interrupted before GitHub's answer was recorded, so it may or may not have gone through.",
      nextStep: `Check the package page (${link}); if the package is still deleted, ask again.`,
    });
    await deps.chat.updateRequest(failed);
  }
  return (await move(failed, deps, { reported: true }, "failed")) ?? failed;
}

async function move(
  record: RequestRecord,
  deps: DirectRestoreDeps,
  changes: Partial<Omit<RequestRecord, "id">>,
  from = record.state,
): Promise<RequestRecord | undefined> {
  return deps.store.update(record.id, from, { ...changes, updatedAt: deps.now().toISOString() });
}

async function mustGet(store: RequestStore, id: string): Promise<RequestRecord> {
  const record = await store.get(id);
  if (record === undefined) throw new Error(`Request ${id} vanished from the store between create and read.`);
  return record;
}
