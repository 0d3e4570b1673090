import type { AuditEvent } from "../../../src/domain/audit/auditEvent.js";
import type { AuditTrail } from "../../../src/domain/audit/auditTrail.js";
import type { OutcomeDescription } from "../../../src/domain/request/describeOutcome.js";
import type { ApprovalSettings, FlowDeps } from "../../../src/domain/request/flowDeps.js";
import type { CommandJob } from "../../../src/domain/request/handleCommand.js";
import type { DecisionAction, DecisionJob } from "../../../src/domain/request/handleDecision.js";
import type {
  DeletedVersion,
  DeletedVersionsPage,
  PackagePresence,
  PackageRestorer,
} from "../../../src/domain/ports/packageRestorer.js";
import type { RequestRecord, ThreadRef } from "../../../src/domain/request/requestRecord.js";
import type { RequestStore } from "../../../src/domain/ports/requestStore.js";
import type { ChatText, PostResult, RestoreChat, VersionsOffer } from "../../../src/domain/ports/restoreChat.js";
import type { Precheck, RestoreOutcome } from "../../../src/domain/request/restoreOutcome.js";
import type { PackageRef, ResolvedRequest, RestoreRequest } from "../../../src/domain/command/restoreRequest.js";
import { createMemoryRequestStore } from "../../../local/store/createMemoryRequestStore.js";

export const TEAM = "T0ACME";
export const REQUESTER = "U0ALICE";
export const APPROVER = "U0BOB";
export const OTHER_APPROVER = "U0CAROL";
/** Approvers for the default `isApprover`; REQUESTER is deliberately not one (see `isApprover` overrides). */
export const APPROVERS: ReadonlySet<string> = new Set([
  APPROVER,
  OTHER_APPROVER,
  ...Array.from({ length: 20 }, (_, i) => `U0APPR${i}`),
]);
export const COMMAND_CHANNEL = "C0DEV";
export const APPROVERS_CHANNEL = "C0APPROVERS";
export const HOUR = 3_600_000;
export const TTL_MS = 24 * HOUR;
export const WORKER_TIMEOUT_MS = 150_000;
export const START = "2026-11-01T12:00:00.000Z";

export const APPROVAL: ApprovalSettings = { required: true, ttlMs: TTL_MS };
export const APPROVAL_IN_CHANNEL: ApprovalSettings = { required: true, ttlMs: TTL_MS, channelId: APPROVERS_CHANNEL };
export const DIRECT: ApprovalSettings = { required: false, ttlMs: TTL_MS };

export const leftPad: RestoreRequest = {
  org: "acme",
  packageType: "npm",
  packageName: "left-pad",
  target: { kind: "package" },
  reason: "oops",
  notes: [],
};

/** A clock that only moves when told to. */
export interface FakeClock {
  now(): Date;
  iso(): string;
  advance(ms: number): void;
}

export function fakeClock(start = START): FakeClock {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    iso: () => new Date(t).toISOString(),
    advance(ms) {
      t += ms;
    },
  };
}

/** The plain text of a ChatText, mentions written as Slack would render them. */
export function textOf(text: ChatText): string {
  if (typeof text === "string") return text;
  return text
    .map((part) =>
      typeof part === "string" ? part : "user" in part ? `<@${part.user}>` : "date" in part ? part.date : part.label,
    )
    .join("");
}

let nextTs = 1;

/** A RestoreChat that records every call; `log` may be shared with other fakes to see the order of calls. */
export interface FakeChat extends RestoreChat {
  canPost: boolean;
  posted: { record: RequestRecord; channelId: string; thread?: ThreadRef }[];
  updated: RequestRecord[];
  replies: { record: RequestRecord; description: OutcomeDescription }[];
  told: ChatText[];
  offers: VersionsOffer[];
  permalinks: ThreadRef[];
  log: string[];
}

export function permalinkFor(thread: ThreadRef): string {
  return `https://acme.slack.com/archives/${thread.channelId}/p${thread.ts.replace(".", "")}`;
}

export function fakeChat(options: { canPost?: boolean; log?: string[] } = {}): FakeChat {
  const chat: FakeChat = {
    canPost: options.canPost ?? true,
    posted: [],
    updated: [],
    replies: [],
    told: [],
    offers: [],
    permalinks: [],
    log: options.log ?? [],
    async postCard(record, channelId): Promise<PostResult> {
      chat.log.push(`postCard:${record.state}`);
      if (!chat.canPost) {
        chat.posted.push({ record: structuredClone(record), channelId });
        return { posted: false, slackError: "not_in_channel", transient: false };
      }
      const thread = { channelId, ts: `1700000000.${String(nextTs++).padStart(6, "0")}` };
      chat.posted.push({ record: structuredClone(record), channelId, thread });
      return { posted: true, thread };
    },
    async updateCard(record) {
      chat.log.push(`updateCard:${record.state}`);
      chat.updated.push(structuredClone(record));
    },
    async replyInThread(record, description) {
      chat.log.push("replyInThread");
      chat.replies.push({ record: structuredClone(record), description });
    },
    async tellPrivately(text) {
      chat.log.push("tellPrivately");
      chat.told.push(text);
    },
    async offerVersions(offer) {
      chat.log.push("offerVersions");
      chat.offers.push(structuredClone(offer));
    },
    async permalink(thread) {
      chat.permalinks.push(thread);
      return permalinkFor(thread);
    },
  };
  return chat;
}

/**
 * A PackageRestorer that records calls; set `outcome`, `presenceAnswer`, `deletedList`
 * or `precheckAnswer` to change its answers. Its pre-check and version listing stay
 * out of `log`, so flows that only add them keep their call order.
 */
export interface FakeGitHub extends PackageRestorer {
  authMode: "app" | "token";
  maxRestoreMs: number;
  outcome: RestoreOutcome;
  presenceAnswer: PackagePresence;
  /** The package's deleted versions, newest first, paged as asked; or what GitHub answers instead of a list. */
  deletedList: DeletedVersion[] | Exclude<DeletedVersionsPage, { kind: "versions" }>;
  precheckAnswer: Precheck | (() => Promise<Precheck>);
  restores: RestoreRequest[];
  presenceCalls: RestoreRequest[];
  pageCalls: { pkg: PackageRef; page: number; perPage: number }[];
  prechecks: ResolvedRequest[];
  /** Runs inside `restore`, before it answers: lets a test look at the store mid-restore. */
  onRestore?: (request: RestoreRequest) => Promise<void> | void;
  log: string[];
}

export function fakeGitHub(options: { log?: string[] } = {}): FakeGitHub {
  const github: FakeGitHub = {
    authMode: "token",
    maxRestoreMs: 30_000,
    outcome: { kind: "restored", status: 204 },
    presenceAnswer: "active",
    deletedList: [],
    precheckAnswer: { kind: "restorable" },
    restores: [],
    presenceCalls: [],
    pageCalls: [],
    prechecks: [],
    log: options.log ?? [],
    async restore(request) {
      github.log.push("restore");
      github.restores.push(structuredClone(request));
      await github.onRestore?.(request);
      return github.outcome;
    },
    async presence(request) {
      github.log.push("presence");
      github.presenceCalls.push(structuredClone(request));
      return github.presenceAnswer;
    },
    async deletedVersions(pkg, { page, perPage }) {
      github.pageCalls.push({
        pkg: { org: pkg.org, packageType: pkg.packageType, packageName: pkg.packageName },
        page,
        perPage,
      });
      const list = github.deletedList;
      if (!Array.isArray(list)) return list;
      const lastPage = Math.max(1, Math.ceil(list.length / perPage));
      return {
        kind: "versions",
        versions: structuredClone(list.slice((page - 1) * perPage, page * perPage)),
        hasMore: page < lastPage,
        lastPage,
      };
    },
    async activeVersions() {
      return { kind: "versions", versions: [], hasMore: false };
    },
    async precheck(request) {
      github.prechecks.push(structuredClone(request));
      return typeof github.precheckAnswer === "function" ? github.precheckAnswer() : github.precheckAnswer;
    },
    packageUrl: (request) =>
      `https://github.com/orgs/${request.org}/packages/${request.packageType}/package/${encodeURIComponent(request.packageName)}`,
  };
  return github;
}

/** An AuditTrail that keeps events in memory, one per eventId, as the DynamoDB sink does. */
export interface FakeAudit extends AuditTrail {
  events: AuditEvent[];
}

export function fakeAudit(): FakeAudit {
  const audit: FakeAudit = {
    events: [],
    async record(events) {
      for (const event of events)
        if (!audit.events.some((known) => known.eventId === event.eventId)) audit.events.push(structuredClone(event));
    },
  };
  return audit;
}

export interface TestDeps extends FlowDeps {
  audit: FakeAudit;
  chat: FakeChat;
  github: FakeGitHub;
  clock: FakeClock;
  /** Chat and GitHub calls, in order. */
  log: string[];
}

/**
 * Flow dependencies over an in-memory store and recording fakes: approval
 * required, TTL 24 h, everyone may ask, APPROVERS may decide.
 */
export function deps(overrides: Partial<TestDeps> = {}): TestDeps {
  const log = overrides.log ?? [];
  const clock = overrides.clock ?? fakeClock();
  const base: TestDeps = {
    store: createMemoryRequestStore(),
    audit: fakeAudit(),
    chat: fakeChat({ log }),
    github: fakeGitHub({ log }),
    // No image is known: a container restore's pull check finds nothing to say.
    registry: {
      host: "ghcr.io",
      readManifest: async () => ({ kind: "unknown_manifest" }),
      manifestExists: async () => ({ kind: "unknown_manifest" }),
    },
    policy: { requesters: null, orgs: null },
    approval: APPROVAL,
    isRequester: async () => true,
    isApprover: async (userId) => APPROVERS.has(userId),
    now: () => clock.now(),
    workerTimeoutMs: WORKER_TIMEOUT_MS,
    deliveryAttempts: 3,
    command: "/restore-package",
    clock,
    log,
  };
  return { ...base, ...overrides };
}

export function commandJob(overrides: Partial<CommandJob> = {}): CommandJob {
  return {
    id: "cmd-1",
    requester: { teamId: TEAM, userId: REQUESTER },
    channelId: COMMAND_CHANNEL,
    request: leftPad,
    ...overrides,
  };
}

/** A click on the record's own card. */
export function click(
  record: RequestRecord,
  action: DecisionAction,
  userId: string,
  jobId = `click-${action}-${userId}`,
  overrides: Partial<DecisionJob> = {},
): DecisionJob {
  if (record.thread === undefined) throw new Error("the record has no card to click on");
  return {
    jobId,
    receivedAt: "2026-11-25T12:00:00.000Z",
    action,
    requestId: record.id,
    actor: { teamId: TEAM, userId },
    message: { ...record.thread },
    ...overrides,
  };
}

/** A record as a worker would have left it, written straight into the store. */
export async function seed(store: RequestStore, overrides: Partial<RequestRecord> = {}): Promise<RequestRecord> {
  const record: RequestRecord = {
    id: "cmd-1",
    mode: "approval",
    requester: { teamId: TEAM, userId: REQUESTER },
    channelId: COMMAND_CHANNEL,
    request: leftPad,
    state: "received",
    createdAt: START,
    updatedAt: START,
    ...overrides,
  };
  if (!(await store.create(record))) throw new Error(`record ${record.id} already seeded`);
  return record;
}

export async function stored(store: RequestStore, id: string): Promise<RequestRecord> {
  const record = await store.get(id);
  if (record === undefined) throw new Error(`no record ${id}`);
  return record;
}
