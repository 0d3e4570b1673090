// Property: whatever the names, labels, reasons and GitHub's words, every message the renderers
// build passes the Slack simulator's validator (Slack's documented limits), and every text fits.
import type { RepairState } from "../../src/domain/repair/repairState.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AuditEvent } from "../../src/domain/audit/auditEvent.js";
import { describeFinalState, type OutcomeDescription } from "../../src/domain/request/describeOutcome.js";
import { REQUEST_STATES, type RequestRecord } from "../../src/domain/request/requestRecord.js";
import type { ChatText, VersionsOffer } from "../../src/domain/ports/restoreChat.js";
import type { OutcomeKind, Precheck } from "../../src/domain/request/restoreOutcome.js";
import type { RestoreRequest, RestoreTarget } from "../../src/domain/command/restoreRequest.js";
import { PACKAGE_TYPES } from "../../src/domain/command/packageTypes.js";
import { renderAuditLine } from "../../src/slack/renderAuditLine.js";
import { renderCard } from "../../src/slack/renderCard.js";
import { renderChatText } from "../../src/slack/renderChatText.js";
import { renderOutcomeReply } from "../../src/slack/renderOutcomeReply.js";
import { renderVersionsOffer } from "../../src/slack/renderVersionsOffer.js";
import { validateBlocks } from "../../local/simulators/slack/blockKit.js";

const COMMAND = "/restore-package";

const hostileUnit = fc.constantFrom("&", "<", ">", "`", "|", "*", "_", "😀", "é", "\n", "a", " ", "<@U1>", "&amp;");
/**
 * Text as hostile as it gets: markup, escapes, backticks, two-unit characters, and plenty of it
 * (`size: "max"`: fast-check otherwise keeps strings to a few characters).
 */
const wild = (maxLength: number) =>
  fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.string({ maxLength, size: "max" }),
    fc.string({ unit: hostileUnit, maxLength, size: "max" }),
  );
const nonEmptyWild = (maxLength: number) => wild(maxLength).filter((text) => text.length > 0);

const AT = "2026-11-20T10:00:00.000Z";
const OUTCOMES: OutcomeKind[] = [
  "restored",
  "not_found",
  "rejected",
  "name_in_use",
  "needs_package_token",
  "rate_limited",
  "interrupted",
];
const PRECHECKS: Precheck["kind"][] = [
  "restorable",
  "package_active",
  "version_not_deleted",
  "package_deleted",
  "too_old",
  "unknown",
];

const target: fc.Arbitrary<RestoreTarget> = fc.oneof(
  fc.constant({ kind: "package" as const }),
  fc.record({
    kind: fc.constant("version" as const),
    versionId: fc.nat(),
    label: fc.option(wild(3000), { nil: undefined }),
  }),
  fc.record({
    kind: fc.constant("version_lookup" as const),
    selector: fc.oneof(
      fc.record({ by: fc.constant("tag" as const), tag: wild(3000) }),
      fc.record({ by: fc.constant("name" as const), name: wild(3000) }),
    ),
  }),
  fc.record({
    kind: fc.constant("repair" as const),
    reference: fc.option(fc.oneof(fc.record({ tag: wild(200) }), fc.record({ digest: wild(100) })), {
      nil: undefined,
    }),
  }),
);

const DIGEST = `sha256:${"0".repeat(64)}`;
// Platforms come from the registry's index: any text, as untrusted as a name.
const child = fc.record({
  digest: fc.oneof(fc.constant(DIGEST), wild(100)),
  role: fc.constantFrom("platform" as const, "attestation" as const),
  platform: wild(300),
  state: fc.oneof(
    fc.constant({ kind: "resolves" as const }),
    fc.record({ kind: fc.constant("deleted" as const), versionId: fc.nat(), deletedAt: fc.constant(AT) }),
    fc.record({ kind: fc.constant("too_old" as const), versionId: fc.nat(), deletedAt: fc.constant(AT) }),
    fc.record({ kind: fc.constant("gone" as const), searched: fc.constant("all" as const) }),
    fc.record({ kind: fc.constant("unknown" as const), reason: wild(2000) }),
  ),
});
const tagDiagnosis = fc.record({
  reference: wild(200),
  kind: fc.constantFrom(
    "healthy" as const,
    "repairable" as const,
    "not_repairable" as const,
    "not_index" as const,
    "tag_unknown" as const,
    "unreadable" as const,
  ),
  children: fc.array(child, { maxLength: 40 }),
  reason: wild(2000),
});
const repair: fc.Arbitrary<RepairState> = fc.record({
  diagnosis: fc.array(tagDiagnosis, { maxLength: 5 }),
  items: fc.array(
    fc.record({
      versionId: fc.nat(),
      digest: fc.oneof(fc.constant(DIGEST), wild(100)),
      reference: wild(200),
      role: fc.constantFrom("platform" as const, "attestation" as const),
      platform: wild(300),
      outcome: fc.option(fc.record({ kind: fc.constantFrom(...OUTCOMES), githubMessage: wild(500) }), {
        nil: undefined,
      }),
    }),
    { maxLength: 300 },
  ),
  verification: fc.option(fc.array(tagDiagnosis, { maxLength: 5 }), { nil: undefined }),
});

const request: fc.Arbitrary<RestoreRequest> = fc.record({
  org: nonEmptyWild(200),
  packageType: fc.constantFrom(...PACKAGE_TYPES),
  packageName: nonEmptyWild(3000),
  target,
  packageToken: fc.option(nonEmptyWild(500), { nil: undefined }),
  reason: wild(5000),
  notes: fc.constant([]),
});

const record: fc.Arbitrary<RequestRecord> = fc
  .record({
    request,
    state: fc.constantFrom(...REQUEST_STATES),
    id: nonEmptyWild(80),
    precheck: fc.option(
      fc.record({
        kind: fc.constantFrom(...PRECHECKS),
        detail: wild(2000),
        versionLabel: wild(3000),
        deletedAt: fc.constant(AT),
        checkedAt: fc.constant(AT),
      }),
      { nil: undefined },
    ),
    outcome: fc.option(
      fc.record({
        kind: fc.constantFrom(...OUTCOMES),
        status: fc.integer({ min: 200, max: 599 }),
        githubMessage: wild(5000),
        githubRequestId: wild(500),
      }),
      { nil: undefined },
    ),
    decidedBy: fc.option(fc.oneof(fc.constant("U0APPR1"), wild(100)), { nil: undefined }),
    repair: fc.option(repair, { nil: undefined }),
  })
  .map(({ request, state, id, precheck, outcome, decidedBy, repair }) => ({
    id,
    mode: "approval" as const,
    requester: { teamId: "T1", userId: "U0REQ42" },
    channelId: "C1",
    request,
    state,
    createdAt: AT,
    updatedAt: AT,
    expiresAt: AT,
    thread: { channelId: "C1", ts: "1700000000.000100" },
    ...(precheck ? { precheck } : {}),
    ...(outcome ? { outcome } : {}),
    ...(repair && request.target.kind === "repair" ? { repair } : {}),
    ...(decidedBy !== undefined ? { decision: { kind: "approved" as const, by: decidedBy, at: AT, jobId: "j" } } : {}),
  }));

const anyDescription: fc.Arbitrary<OutcomeDescription> = fc.record({
  ok: fc.boolean(),
  headline: wild(5000),
  nextStep: wild(5000),
  checkOnGitHub: fc.boolean(),
  details: fc.option(fc.array(wild(2000), { maxLength: 60 }), { nil: undefined }),
});

/** Everything the simulator would refuse, plus the message `text` limits: 4,000 for what chat.update may carry, 40,000 otherwise. */
function problems(message: { text: string; blocks: unknown[] }, maxText = 40_000): string[] {
  const text = message.text.length > maxText ? [`text is ${message.text.length} characters`] : [];
  return [...validateBlocks(message.blocks), ...text];
}

/** No shrinking: with inputs this long it takes minutes, and the first failing input already shows which limit broke. */
const RUNS = (numRuns: number) => ({ numRuns, endOnFailure: true });

const packageUrl = (r: RestoreRequest) =>
  `https://github.com/orgs/${encodeURIComponent(r.org)}/packages/${r.packageType}/package/${encodeURIComponent(r.packageName)}`;

describe("every message within Slack's limits, for any input", () => {
  it("the card, in every state, with GitHub's description or any other", () => {
    fc.assert(
      fc.property(
        record,
        fc.option(anyDescription, { nil: undefined }),
        fc.constantFrom("app" as const, "token" as const),
        (r, other, authMode) => {
          const description = other ?? describeFinalState(r, authMode, COMMAND, "ghcr.io");
          expect(problems(renderCard(r, packageUrl(r.request), COMMAND, description), 4000)).toEqual([]);
        },
      ),
      RUNS(300),
    );
  });

  it("the outcome reply", () => {
    fc.assert(
      fc.property(record, fc.option(anyDescription, { nil: undefined }), (r, other) => {
        expect(
          problems(
            renderOutcomeReply(r, other ?? describeFinalState(r, "token", COMMAND, "ghcr.io"), packageUrl(r.request)),
          ),
        ).toEqual([]);
      }),
      RUNS(300),
    );
  });

  const offered = fc.record({
    id: fc.nat(),
    label: wild(3000),
    deletedAt: fc.option(fc.constant(AT), { nil: undefined }),
    command: fc.option(wild(2500), { nil: undefined }),
  });
  const offer: fc.Arbitrary<VersionsOffer> = fc.oneof(
    fc.record({
      kind: fc.constant("versions" as const),
      package: request,
      versions: fc.array(offered, { maxLength: 70, size: "max" }),
      page: fc.integer({ min: 1, max: 50 }),
      lastPage: fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
      nextPageCommand: fc.option(wild(3000), { nil: undefined }),
    }),
    fc.record({
      kind: fc.constant("package_deleted" as const),
      package: request,
      command: wild(2500),
      caveat: fc.option(wild(5000), { nil: undefined }),
    }),
  );

  it("the versions listing, however many versions and however long their labels and commands", () => {
    fc.assert(
      fc.property(offer, (o) => {
        expect(problems(renderVersionsOffer(o, COMMAND))).toEqual([]);
      }),
      RUNS(300),
    );
  });

  it("a private answer's text and an audit line", () => {
    const part = fc.oneof(
      wild(3000),
      fc.record({ user: wild(30) }),
      fc.constant({ date: AT }),
      fc.record({ link: fc.constant("https://sim.slack.com/archives/C1/p1"), label: wild(3000) }),
    );
    const chatText: fc.Arbitrary<ChatText> = fc.oneof(wild(50_000), fc.array(part, { maxLength: 60, size: "max" }));
    fc.assert(
      fc.property(chatText, record, (text, r) => {
        expect(renderChatText(text).length).toBeLessThanOrEqual(40_000);
        const event: AuditEvent = {
          eventId: "e",
          requestId: r.id,
          event: "refused",
          at: AT,
          actor: r.requester,
          requester: r.requester,
          org: r.request.org,
          packageType: r.request.packageType,
          packageName: r.request.packageName,
          versionLabel: r.request.packageToken ?? "",
          reason: r.request.reason,
          decision: "version_not_found",
          github: { outcome: "rejected", status: 422, requestId: r.outcome?.githubRequestId ?? "" },
        } as AuditEvent;
        expect(renderAuditLine(event).length).toBeLessThanOrEqual(40_000);
      }),
      RUNS(100),
    );
  });
});
