// handleCommand for single versions: looking a tag or version string up, the
// pre-check written on the record and the card, and what the audit trail says.
import { describe, expect, it } from "vitest";
import { LOOKUP_MAX_PAGES, LOOKUP_PAGE_SIZE, versionLabel } from "../../../src/domain/request/findDeletedVersion.js";
import { handleCommand } from "../../../src/domain/request/handleCommand.js";
import { handleHistory } from "../../../src/domain/request/handleHistory.js";
import type { DeletedVersion } from "../../../src/domain/ports/packageRestorer.js";
import { describePrecheck } from "../../../src/domain/request/messages/describePrecheck.js";
import { runPrecheck } from "../../../src/domain/request/precheck.js";
import type { Precheck } from "../../../src/domain/request/restoreOutcome.js";
import type { ResolvedRequest, RestoreRequest } from "../../../src/domain/command/restoreRequest.js";
import { withDeadline } from "../../../src/domain/request/withDeadline.js";
import { DIRECT, REQUESTER, START, TEAM, commandJob, deps, fakeGitHub, leftPad, stored, textOf } from "./flowFakes.js";

const COMMAND = "/restore-package";

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.parse(START) - days * DAY).toISOString();
const image: Pick<RestoreRequest, "org" | "packageType" | "packageName" | "reason" | "notes"> = {
  org: "acme",
  packageType: "container",
  packageName: "team/app",
  reason: "retention job",
  notes: [],
};
const byTag = (tag: string): RestoreRequest => ({
  ...image,
  target: { kind: "version_lookup", selector: { by: "tag", tag } },
});
const byName = (name: string): RestoreRequest => ({
  ...leftPad,
  target: { kind: "version_lookup", selector: { by: "name", name } },
});
const byId = (versionId: number): RestoreRequest => ({ ...leftPad, target: { kind: "version", versionId } });

const digest = (n: number) => `sha256:${String(n).padStart(64, "0")}`;
const imageVersions: DeletedVersion[] = [
  { id: 7103, name: digest(3), tags: ["v1.4.3"], deletedAt: ago(1) },
  { id: 7102, name: digest(2), tags: ["v1.4.2", "stable"], deletedAt: ago(2) },
  { id: 7101, name: digest(1), tags: [], deletedAt: ago(40) },
];

describe("a version asked for by tag or version string", () => {
  it("looks the tag up among the deleted versions and opens the request for its ID, labelled with its tags", async () => {
    const d = deps();
    d.github.deletedList = imageVersions;
    const result = await handleCommand(commandJob({ request: byTag("v1.4.2") }), d);

    expect(result.state).toBe("pending");
    expect(result.request.target).toEqual({ kind: "version", versionId: 7102, label: "v1.4.2, stable" });
    expect(d.github.pageCalls).toEqual([
      { pkg: { org: "acme", packageType: "container", packageName: "team/app" }, page: 1, perPage: LOOKUP_PAGE_SIZE },
    ]);
    // The listing already showed it deleted: no second look.
    expect(d.github.prechecks).toEqual([]);
    expect(result.precheck).toEqual({
      kind: "restorable",
      versionLabel: "v1.4.2, stable",
      deletedAt: ago(2),
      checkedAt: START,
    });
    expect(d.chat.posted[0]!.record).toMatchObject({
      request: { target: { versionId: 7102 } },
      precheck: { kind: "restorable" },
    });
  });

  it("resolves an npm version string by the version's name", async () => {
    const d = deps();
    d.github.deletedList = [
      { id: 7202, name: "1.4.3", tags: [], deletedAt: ago(1) },
      { id: 7201, name: "1.4.2", tags: [], deletedAt: ago(3) },
    ];
    const result = await handleCommand(commandJob({ request: byName("1.4.2") }), d);
    expect(result.request.target).toEqual({ kind: "version", versionId: 7201, label: "1.4.2" });
    expect(result.state).toBe("pending");
  });

  it("walks the pages until it finds the version", async () => {
    const d = deps();
    d.github.deletedList = Array.from({ length: 250 }, (_, index) => ({
      id: 9000 - index,
      name: `0.0.${250 - index}`,
      tags: [],
      deletedAt: ago(1),
    }));
    const result = await handleCommand(commandJob({ request: byName("0.0.3") }), d);
    expect(result.request.target).toMatchObject({ kind: "version", versionId: 8753 });
    expect(d.github.pageCalls.map((call) => call.page)).toEqual([1, 2, 3]);
  });

  it("stops after the newest 1,000 deleted versions and says so", async () => {
    const d = deps();
    d.github.deletedList = Array.from({ length: 1200 }, (_, index) => ({
      id: 20_000 - index,
      name: `0.${index}.0`,
      tags: [],
      deletedAt: ago(1),
    }));
    const result = await handleCommand(commandJob({ request: byName("0.1100.0") }), d);
    expect(result).toMatchObject({ state: "refused", refusal: "version_not_found" });
    expect(d.github.pageCalls).toHaveLength(LOOKUP_MAX_PAGES);
    expect(textOf(d.chat.told[0]!)).toContain("among its newest 1000 deleted versions");
  });

  it("refuses a tag no deleted version carries: told privately, recorded and audited, no card", async () => {
    const d = deps();
    d.github.deletedList = imageVersions;
    const result = await handleCommand(commandJob({ request: byTag("v9.9.9") }), d);

    expect(result).toMatchObject({ state: "refused", refusal: "version_not_found", reported: true });
    expect(d.chat.posted).toEqual([]);
    expect(d.github.prechecks).toEqual([]);
    expect(d.github.restores).toEqual([]);
    expect(d.chat.told).toHaveLength(1);
    const told = textOf(d.chat.told[0]!);
    expect(told).toContain(
      "GitHub lists no deleted version with tag `v9.9.9` of the container package `team/app` in acme",
    );
    expect(told).toContain("`/restore-package versions acme container team/app`");
    expect(d.audit.events.map((event) => [event.event, event.decision, event.versionLabel, event.versionId])).toEqual([
      ["requested", undefined, "tag v9.9.9", undefined],
      ["refused", "version_not_found", "tag v9.9.9", undefined],
    ]);
    expect((await stored(d.store, "cmd-1")).state).toBe("refused");
  });

  it("says the package itself looks deleted when GitHub has no active package to look in", async () => {
    const d = deps();
    d.github.deletedList = { kind: "package_deleted" };
    const result = await handleCommand(commandJob({ request: byTag("v1") }), d);
    expect(result).toMatchObject({ state: "refused", refusal: "package_not_found" });
    const told = textOf(d.chat.told[0]!);
    expect(told).toContain("GitHub shows no active container package `team/app` in acme");
    expect(told).toContain("`/restore-package acme container team/app`");
    expect(told).not.toContain("App token");
  });

  it("adds that GitHub also says 'not found' to App tokens, in App mode", async () => {
    const github = fakeGitHub();
    github.authMode = "app";
    github.deletedList = { kind: "package_deleted" };
    const d = deps({ github });
    await handleCommand(commandJob({ request: byTag("v1") }), d);
    expect(textOf(d.chat.told[0]!)).toContain("refuses the bot's GitHub App token");
  });

  it("refuses, naming GitHub's reason, when the lookup itself fails", async () => {
    const d = deps();
    d.github.deletedList = { kind: "unknown", reason: "GitHub answered 403: Resource not accessible by integration" };
    const result = await handleCommand(commandJob({ request: byName("1.4.2") }), d);
    expect(result).toMatchObject({ state: "refused", refusal: "version_lookup_failed" });
    expect(textOf(d.chat.told[0]!)).toContain("(GitHub answered 403: Resource not accessible by integration)");
    expect(textOf(d.chat.told[0]!)).toContain("`version=<ID>`");
  });

  it("never looks up for someone who may not ask", async () => {
    const d = deps({ isRequester: async () => false });
    d.github.deletedList = imageVersions;
    const result = await handleCommand(commandJob({ request: byTag("v1.4.2") }), d);
    expect(result).toMatchObject({ state: "refused", refusal: "requester_not_allowed" });
    expect(d.github.pageCalls).toEqual([]);
  });

  it("tells someone who clicked a listing's button about an org the bot doesn't serve (nobody else has)", async () => {
    const policy = { requesters: null, orgs: new Set(["globex"]) };
    const typed = deps({ policy });
    await handleCommand(commandJob({ request: byId(1) }), typed);
    expect(typed.chat.told).toEqual([]);
    const clicked = deps({ policy });
    const result = await handleCommand(commandJob({ request: byId(1), origin: "versions_button" }), clicked);
    expect(result).toMatchObject({ state: "refused", refusal: "org_not_allowed", origin: "versions_button" });
    expect(clicked.chat.told.map(textOf)).toEqual(["This bot doesn't restore packages in acme."]);
  });

  it("looks up once, however often the job is delivered", async () => {
    const d = deps();
    d.github.deletedList = imageVersions;
    const first = await handleCommand(commandJob({ request: byTag("v1.4.3") }), d);
    const again = await handleCommand(commandJob({ request: byTag("v1.4.3") }), d);
    expect(again).toEqual(first);
    expect(d.github.pageCalls).toHaveLength(1);
    expect(d.chat.posted).toHaveLength(1);
  });

  it("takes the version's own pending slot: the same version by tag and by ID is one request", async () => {
    const d = deps();
    d.github.deletedList = imageVersions;
    await handleCommand(commandJob({ request: byTag("stable") }), d);
    const same = await handleCommand(
      commandJob({ id: "cmd-2", request: { ...image, target: { kind: "version", versionId: 7102 } } }),
      d,
    );
    expect(same).toMatchObject({ state: "duplicate", duplicateOf: "cmd-1" });
  });
});

describe("the pre-check", () => {
  it("runs once the card is posted, for a version by ID, and puts the version's name from GitHub on the card", async () => {
    const d = deps();
    d.github.precheckAnswer = { kind: "restorable", versionLabel: "1.4.2", deletedAt: ago(2) };
    const result = await handleCommand(commandJob({ request: byId(123) }), d);

    expect(d.github.prechecks).toEqual([byId(123)]);
    expect(result.request.target).toEqual({ kind: "version", versionId: 123, label: "1.4.2" });
    expect(result.precheck).toEqual({ kind: "restorable", versionLabel: "1.4.2", deletedAt: ago(2), checkedAt: START });
    expect(d.chat.posted[0]!.record.precheck).toBeUndefined();
    expect(d.chat.updated[0]).toMatchObject({
      state: "pending",
      precheck: { kind: "restorable" },
      request: { target: { kind: "version", versionId: 123, label: "1.4.2" } },
    });
    expect(d.audit.events.find((event) => event.event === "requested")).toMatchObject({ versionId: 123 });
  });

  it.each<Precheck["kind"]>(["package_active", "version_not_deleted", "package_deleted", "unknown"])(
    "never blocks the request: %s still opens it",
    async (kind) => {
      const d = deps();
      d.github.precheckAnswer = { kind, detail: "because" };
      const result = await handleCommand(commandJob(), d);
      expect(result.state).toBe("pending");
      expect(result.precheck).toMatchObject({ kind });
      expect(d.chat.updated[0]!.precheck).toMatchObject({ kind });
    },
  );

  it("keeps GitHub off the card's path: the card is out before the pre-check asks, on both paths", async () => {
    for (const approval of [undefined, DIRECT]) {
      const d = deps(approval ? { approval } : {});
      let cardsWhenAsked = -1;
      d.github.precheckAnswer = async () => {
        cardsWhenAsked = d.chat.posted.length;
        return { kind: "restorable" };
      };
      const result = await handleCommand(commandJob(), d);
      expect(cardsWhenAsked).toBe(1);
      // The verdict reaches the card: in place while it waits for approval, with the outcome's redraw otherwise.
      expect(d.chat.updated.at(approval ? -1 : 0)).toMatchObject({ precheck: { kind: "restorable" } });
      expect(result.precheck).toMatchObject({ kind: "restorable" });
    }
  });

  it("leaves the verdict off a card that a decision redrew while GitHub was being asked", async () => {
    const d = deps();
    d.github.precheckAnswer = async () => {
      // An approver's click wins the race: the request is no longer pending when the verdict arrives.
      await d.store.update("cmd-1", "pending", { state: "approved", updatedAt: START });
      return { kind: "package_active" };
    };
    const result = await handleCommand(commandJob({ id: "cmd-1" }), d);
    expect(d.chat.updated).toEqual([]);
    expect(result).toMatchObject({ state: "approved" });
    expect(result.precheck).toBeUndefined();
  });

  it("turns a failing pre-check into 'could not check' and goes on", async () => {
    const d = deps();
    d.github.precheckAnswer = () => Promise.reject(new Error("socket hang up"));
    const result = await handleCommand(commandJob(), d);
    expect(result).toMatchObject({ state: "pending", precheck: { kind: "unknown", detail: "the lookup failed" } });
  });

  it("marks a version deleted more than 30 days ago as too old", async () => {
    const d = deps();
    d.github.precheckAnswer = { kind: "restorable", versionLabel: "0.1.0", deletedAt: ago(31) };
    expect((await handleCommand(commandJob({ request: byId(5) }), d)).precheck?.kind).toBe("too_old");
  });

  it("runs on the direct path too, before the restore, which gets the version's ID", async () => {
    const d = deps({ approval: DIRECT });
    d.github.deletedList = imageVersions;
    const result = await handleCommand(commandJob({ request: byTag("v1.4.3") }), d);
    expect(d.log).toEqual(["postCard:restoring", "restore", "replyInThread", "updateCard:restored"]);
    expect(d.chat.posted[0]!.record.precheck?.kind).toBe("restorable");
    expect(d.github.restores).toEqual([{ ...image, target: { kind: "version", versionId: 7103, label: "v1.4.3" } }]);
    expect(result.state).toBe("restored");
    expect(d.chat.replies[0]!.description.headline).toBe(
      "Restored the version `v1.4.3` (ID 7103) of container package `team/app` in acme.",
    );
    expect(
      d.audit.events
        .filter((event) => event.event === "restored")
        .map((event) => [event.versionId, event.versionLabel]),
    ).toEqual([[7103, "v1.4.3"]]);
  });

  it("is not repeated when the job is delivered again", async () => {
    const d = deps();
    await handleCommand(commandJob(), d);
    await handleCommand(commandJob(), d);
    expect(d.github.prechecks).toHaveLength(1);
  });

  it("gives up waiting after its deadline, with 'could not check'", async () => {
    expect(await withDeadline(new Promise<string>(() => {}), 5, (why) => why)).toBe("timeout");
    expect(await withDeadline(Promise.reject(new Error("x")), 1000, (why) => why)).toBe("error");
    expect(
      await runPrecheck(
        { precheck: async () => ({ kind: "package_active" }) },
        { ...leftPad, target: { kind: "package" } },
        () => new Date(START),
      ),
    ).toEqual({ kind: "package_active", checkedAt: START });
  });
});

describe("describePrecheck", () => {
  const pkg: ResolvedRequest = { ...leftPad, packageName: "web-ui", target: { kind: "package" } };
  const version: ResolvedRequest = {
    ...leftPad,
    packageName: "web-ui",
    target: { kind: "version", versionId: 7303, label: "2.0.0" },
  };
  it.each<[Precheck, ResolvedRequest, string]>([
    [
      { kind: "restorable" },
      pkg,
      "GitHub shows no active package by this name, as expected for a deleted one: it looks restorable.",
    ],
    [
      { kind: "restorable", deletedAt: ago(2), checkedAt: START },
      version,
      "GitHub lists version `2.0.0` (ID 7303) as deleted 2 days ago: it looks restorable.",
    ],
    [
      { kind: "package_active" },
      pkg,
      "GitHub shows this package as active: a package restore would fail. To bring back a deleted version, try `/restore-package versions acme npm web-ui`.",
    ],
    [
      { kind: "version_not_deleted" },
      version,
      "GitHub doesn't list version `2.0.0` (ID 7303) among this package's deleted versions: it may be active or not exist, and the restore would fail. See `/restore-package versions acme npm web-ui`.",
    ],
    [
      { kind: "package_deleted" },
      version,
      "GitHub shows no active npm package `web-ui` in acme, so a version restore would fail. If the whole package was deleted, restore it with `/restore-package acme npm web-ui`.",
    ],
    [
      { kind: "too_old", deletedAt: ago(40), checkedAt: START },
      version,
      "GitHub lists version `2.0.0` (ID 7303) as deleted 40 days ago, more than 30 days ago: GitHub restores only within 30 days, so the restore will likely fail.",
    ],
    [
      { kind: "unknown", detail: "GitHub answered 403: Resource not accessible by integration" },
      pkg,
      "Could not check with GitHub (GitHub answered 403: Resource not accessible by integration); the request can still go ahead.",
    ],
  ])("%j", (precheck, request, text) => {
    expect(describePrecheck(precheck, request, COMMAND)).toBe(text);
    // A stage with its own command name never points people to another stage's.
    expect(describePrecheck(precheck, request, "/pkg-staging")).toBe(
      text.replaceAll("`/restore-package ", "`/pkg-staging "),
    );
  });
});

describe("what people read about a version request afterwards", () => {
  it("history names the version, and a version 'not found' points at the listing", async () => {
    const d = deps({ approval: DIRECT });
    d.github.outcome = { kind: "not_found", status: 404, githubMessage: "Package version not found." };
    d.github.precheckAnswer = { kind: "version_not_deleted" };
    const result = await handleCommand(commandJob({ request: byId(42) }), d);
    expect(result.state).toBe("failed");
    expect(d.chat.replies[0]!.description).toMatchObject({
      headline: "GitHub found no deleted version ID 42 of npm package `left-pad` in acme that it can restore.",
      nextStep: expect.stringContaining("Check the version with `/restore-package versions acme npm left-pad`"),
    });

    const history = deps({ store: d.store, clock: d.clock });
    await handleHistory({ asker: { teamId: TEAM, userId: REQUESTER }, count: 10 }, history);
    expect(textOf(history.chat.told[0]!)).toContain("npm `left-pad` version ID 42 in acme · failed");
  });
});

describe("a version label", () => {
  it("says with … that a long tag list was shortened", () => {
    const tags = Array.from({ length: 14 }, (_, i) => `release-candidate-${i}-${"x".repeat(20)}`);
    const label = versionLabel({ name: `sha256:${"a".repeat(64)}`, tags }, "container");
    expect(label).toHaveLength(200);
    expect(label.endsWith("…")).toBe(true);
    expect(versionLabel({ name: "1.4.2", tags: [] }, "npm")).toBe("1.4.2");
  });
});
