// Repairs end to end: signed commands and clicks through the real HTTP handler and the Bolt worker, against the
// Slack, GitHub and registry simulators (sharing GitHub's deletions) and dynalite.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { formatAuditExport } from "../../src/audit/formatAuditExport.js";
import { addTestImage, type TestImageOptions } from "../support/addTestImage.js";
import type { RegistrySimulator } from "../../local/simulators/registry/startRegistrySimulator.js";
import { startTestStack, type TestStack } from "../support/startTestStack.js";

const RESTORE_VERSION = "packages/restore-package-version-for-org";
let stack: TestStack;
let registry: RegistrySimulator;

beforeAll(async () => {
  stack = await startTestStack({ RESTORE_APPROVERS: "U0APPROVER1" });
  if (stack.registry === undefined) throw new Error("The test stack has no registry simulator.");
  registry = stack.registry;
});
afterAll(async () => stack.close());
beforeEach(() => {
  stack.slack.reset();
  stack.github.reset();
  registry.reset();
});

let images = 0;
const seeded = (options: TestImageOptions = {}) => addTestImage(stack, `repair/img-${++images}`, options);

const said = (userId = "U0REQUESTER") => stack.privateTo(userId).join("\n");
const restoreCalls = () => stack.github.calls.filter((call) => call.operationId === RESTORE_VERSION);
const cards = () => stack.slack.messages("C0RESTORE").filter((message) => message.thread_ts === undefined);
const threadOf = (ts: string) =>
  stack.slack
    .thread("C0RESTORE", ts)
    .map((reply) => JSON.stringify(reply.blocks))
    .join("\n");
const history = async (requestId: string) => (await stack.auditStore.byRequest(requestId)).map((event) => event.event);

describe("repair: the answer before any card", () => {
  it("healthy: every platform resolves, nothing to repair, no card", async () => {
    const { name, tag } = seeded();
    await stack.command(`repair acme ${name}:${tag}`);
    expect(said()).toContain(`acme/${name}:${tag}\`: all 2 platforms and 2 attestations resolve; nothing to repair.`);
    expect(said()).toContain("Nothing to restore, so no request was made.");
    expect(cards()).toEqual([]);
    expect(restoreCalls()).toEqual([]);
  });

  it("repairable: each deleted child with its platform, digest, version ID and deletion date, then a card", async () => {
    const { name, tag, image: built, firstId } = seeded({ deleted: { children: [0, 1, 2, 3], daysAgo: 3 } });
    await stack.command(`repair acme ghcr.io/acme/${name}:${tag} cleanup broke it`);
    const answer = said();
    expect(answer).toContain(`acme/${name}:${tag}\` doesn't pull; 4 of 4 missing can be restored:`);
    expect(answer).toContain(
      `linux/amd64 · ${built.children[0]?.digest.slice(0, 19)} · version ${firstId + 1} · deleted <!date^`,
    );
    expect(answer).toContain("linux/arm64/v8 attestation");
    expect(answer).toContain("I'm asking for approval to restore 4 deleted versions");
    const card = JSON.stringify(cards().at(-1)?.blocks);
    expect(card).toContain("Image repair");
    expect(card).toContain("*Versions to restore* (4)");
    for (const position of [1, 2, 3, 4]) expect(card).toContain(`ID ${firstId + position}`);
    expect(restoreCalls()).toEqual([]);
  });

  it("not repairable: a platform deleted more than 30 days ago says to republish; no card", async () => {
    const { name, tag } = seeded({ deleted: { children: [1], daysAgo: 40 } });
    await stack.command(`repair acme ${name}:${tag}`);
    expect(said()).toContain("doesn't pull, and nothing missing can be restored: republish this tag.");
    expect(said()).toMatch(/linux\/arm64\/v8 · sha256:[0-9a-f]{12} · deleted <!date\^\d+[^>]*>, more than 30 days ago/);
    expect(cards()).toEqual([]);
  });

  it("gone: a child GitHub lists no version for is gone", async () => {
    const { name, tag, image: built } = seeded();
    registry.removeManifest(`acme/${name}`, built.children[0]?.digest ?? "");
    await stack.command(`repair acme ${name}:${tag}`);
    expect(said()).toContain("linux/amd64 · ");
    expect(said()).toContain("gone: not among the package's deleted versions");
    expect(said()).toContain("republish this tag");
  });

  it("not an index: a single-platform tag has nothing to repair", async () => {
    await stack.command("repair acme ci/lint:3.1");
    expect(said()).toContain("is a single-platform image, not an index");
    expect(cards()).toEqual([]);
  });

  it("tag unknown; when its tagged version is deleted, the tag= restore that brings it back", async () => {
    await stack.command("repair acme ci/proxy:9.9");
    expect(said()).toContain("The registry doesn't know `");
    expect(said()).toContain("GitHub lists no deleted version with that tag");
    stack.slack.reset();
    const { name } = seeded({ indexDeleted: true, deleted: { children: [0, 1, 2, 3], daysAgo: 2 }, tag: "5.0" });
    await stack.command(`repair acme ${name}:5.0`);
    expect(said()).toContain(`restore it with \`/restore-package acme container ${name} tag=5.0\``);
  });

  it("usage errors name the wrong part", async () => {
    const wrongOrg = await stack.command("repair acme ghcr.io/other/app:1.0");
    expect(wrongOrg.json?.text).toContain("is not an image of `acme`");
    const badTag = await stack.command("repair acme app:-bad");
    expect(badTag.json?.text).toContain("`-bad` isn't a tag a registry allows.");
    const npm = await stack.command("repair acme npm left-pad");
    expect(npm.json?.text).toContain("Only container images can be repaired, not npm packages.");
    expect(cards()).toEqual([]);
  });
});

describe("repair: approval, restore, verification", () => {
  it("restores every listed version once, then the thread says the tag pulls again on each platform", async () => {
    const { name, tag, firstId } = seeded({ deleted: { children: [0, 1, 2, 3], daysAgo: 3 } });
    await stack.command(`repair acme ${name}:${tag}`);
    const card = cards().at(-1);
    if (card === undefined) throw new Error("no card");
    const requestId = /request `([^`]+)`/.exec(JSON.stringify(card.blocks))?.[1] ?? "";
    await stack.click({ action: "approve", card, userId: "U0APPROVER1" });
    expect(restoreCalls().map((call) => call.params.package_version_id)).toEqual(
      [1, 2, 3, 4].map((position) => String(firstId + position)),
    );
    const thread = threadOf(card.ts);
    expect(thread).toContain("Repaired: restored 4 of 4 deleted versions");
    expect(thread).toContain(`docker pull 127.0.0.1:`);
    expect(thread).toContain(`/acme/${name}:${tag} works again on linux/amd64, linux/arm64/v8.`);
    const updated = JSON.stringify(stack.slack.messages("C0RESTORE").find((message) => message.ts === card.ts)?.blocks);
    expect(updated).toContain(":white_check_mark: Restored");
    expect(await history(requestId)).toEqual(
      expect.arrayContaining(["approved", "restore_started", "version_restored", "repair_verified", "restored"]),
    );
    expect((await history(requestId)).filter((event) => event === "version_restored")).toHaveLength(4);
    // `history` and the export show the repair, each version and the verification.
    await stack.command("history", { userId: "U0APPROVER1" });
    expect(stack.privateTo("U0APPROVER1").join("\n")).toContain(`deleted platforms of tag \`${tag}\``);
    const csv = formatAuditExport(await stack.auditStore.byRequest(requestId), "csv");
    expect(csv).toContain(`,version_restored,${requestId},`);
    expect(csv).toContain(`pulls: ${tag}`);
  });

  it("a version GitHub won't restore leaves the tag broken, and the thread says which platform and why", async () => {
    const { name, tag, firstId } = seeded({ deleted: { children: [0, 1], daysAgo: 3 } });
    await stack.command(`repair acme ${name}:${tag}`);
    const card = cards().at(-1);
    if (card === undefined) throw new Error("no card");
    stack.github.failNext(RESTORE_VERSION, { status: 404, message: "Not Found" });
    await stack.click({ action: "approve", card, userId: "U0APPROVER1" });
    expect(restoreCalls()).toHaveLength(2);
    const thread = threadOf(card.ts);
    expect(thread).toContain("Repair incomplete: restored 1 of 2 deleted versions; the tag still doesn");
    expect(thread).toContain(`linux/amd64 sha256:`);
    expect(thread).toContain(`(version ${firstId + 1}) was not restored`);
    expect(thread).toContain("still fails: linux/amd64");
  });
});

describe("repair: a scan without a tag", () => {
  it("lists the broken tags among the most recent tagged versions, and repairs them all in one request", async () => {
    const name = `repair/scan-${++images}`;
    const broken = { deleted: { children: [0, 1, 2, 3], daysAgo: 1 }, addPackage: false };
    const versions = [
      addTestImage(stack, name, { tag: "3.0", addPackage: false }),
      addTestImage(stack, name, { ...broken, tag: "2.0" }),
      addTestImage(stack, name, { ...broken, tag: "1.0" }),
    ].flatMap((image) => image.versions);
    stack.github.addPackage("acme", { type: "container", name, versions });
    await stack.command(`repair acme ${name}`);
    expect(said()).toContain("2 broken, 1 healthy.");
    expect(said()).toContain("I'm asking for approval to restore 8 deleted versions");
    const card = cards().at(-1);
    if (card === undefined) throw new Error("no card");
    await stack.click({ action: "approve", card, userId: "U0APPROVER1" });
    expect(restoreCalls()).toHaveLength(8);
    expect(threadOf(card.ts)).toContain("restored 8 of 8 deleted versions; 2 of 2 tags pull again on every platform.");
  });
});

describe("a tag= restore of a container checks that the tag pulls", () => {
  it("offers the repair when the restored index's platforms are still deleted", async () => {
    const { name } = seeded({ indexDeleted: true, deleted: { children: [0, 1, 2, 3], daysAgo: 2 }, tag: "5.0" });
    await stack.command(`acme container ${name} tag=5.0`);
    const card = cards().at(-1);
    if (card === undefined) throw new Error("no card");
    await stack.click({ action: "approve", card, userId: "U0APPROVER1" });
    const thread = threadOf(card.ts);
    expect(thread).toContain("The tag is back, but `docker pull ");
    expect(thread).toContain(`are deleted. Repair it: \`/restore-package repair acme 127.0.0.1:`);
  });
});

describe("App mode: the registry refuses installation tokens", () => {
  it("says so and how to configure GITHUB_TOKEN", async () => {
    const app = await startTestStack({ RESTORE_APPROVERS: "U0APPROVER1", GITHUB_AUTH: "app" });
    try {
      if (app.registry === undefined) throw new Error("no registry simulator");
      app.registry.refuseInstallationTokens = true;
      await app.command("repair acme ci/runner:1.4");
      const answer = app.privateTo("U0REQUESTER").join("\n");
      expect(answer).toContain("I couldn't read it.");
      expect(answer).toContain("`GITHUB_TOKEN` to a classic PAT with `read:packages`");
      expect(answer).toContain("Nothing to restore, so no request was made.");
    } finally {
      await app.close();
    }
  });
});
