// The Slack side of version restores: the `versions` listing and the card's version and pre-check lines.
import { describe, expect, it } from "vitest";
import type { RequestRecord } from "../../src/domain/request/requestRecord.js";
import type { OfferedVersion } from "../../src/domain/ports/restoreChat.js";
import { formatAuditExport } from "../../src/audit/formatAuditExport.js";
import type { AuditEvent } from "../../src/domain/audit/auditEvent.js";
import { renderAuditLine } from "../../src/slack/renderAuditLine.js";
import { renderCard } from "../../src/slack/renderCard.js";
import { REQUEST_VERSION_ACTION } from "../../src/slack/actionIds.js";
import { renderVersionsOffer } from "../../src/slack/renderVersionsOffer.js";
import { validateBlocks } from "../../local/simulators/slack/blockKit.js";

const COMMAND = "/restore-package";

const image = { org: "acme", packageType: "container" as const, packageName: "team/app" };
const versions: OfferedVersion[] = Array.from({ length: 20 }, (_, index) => ({
  id: 7200 - index,
  label: `v1.${20 - index}.0`,
  deletedAt: "2026-11-20T10:00:00Z",
  command: `acme container team/app version=${7200 - index}`,
}));

type Block = {
  type: string;
  block_id?: string;
  text?: { text: string };
  accessory?: { action_id: string; value: string; text: { text: string } };
  elements?: Array<{ text: string }>;
};

describe("renderVersionsOffer", () => {
  it("shows a full page within Slack's limits: a header, one section and button per version, the page line", () => {
    const message = renderVersionsOffer(
      {
        kind: "versions",
        package: image,
        versions,
        page: 1,
        lastPage: 2,
        nextPageCommand: "versions acme container team/app 2",
      },
      COMMAND,
    );
    const blocks = message.blocks as Block[];
    expect(validateBlocks(blocks)).toEqual([]);
    expect(blocks).toHaveLength(22);
    expect(blocks[0]!.text!.text).toBe(
      ":mag: Deleted versions of the container package `team/app` in acme, newest first",
    );
    expect(blocks[1]).toMatchObject({
      block_id: "version_7200",
      text: {
        text: "`v1.20.0` · deleted <!date^1795168800^{date_short_pretty} at {time}|2026-11-20 10:00 UTC> · ID 7200",
      },
      accessory: {
        action_id: REQUEST_VERSION_ACTION,
        value: "acme container team/app version=7200",
        text: { text: "Request restore" },
      },
    });
    expect(new Set(blocks.map((block) => block.block_id).filter(Boolean)).size).toBe(20);
    expect(blocks.at(-1)!.elements![0]!.text).toBe(
      "Page 1 of 2 · next page: `/restore-package versions acme container team/app 2` · a button opens a request as if you had typed it",
    );
  });

  it("names the configured command for the next page; the buttons carry only what follows it", () => {
    const message = renderVersionsOffer(
      { kind: "versions", package: image, versions, page: 1, nextPageCommand: "versions acme container team/app 2" },
      "/pkg-staging",
    );
    const blocks = message.blocks as Block[];
    expect(blocks.at(-1)!.elements![0]!.text).toContain("next page: `/pkg-staging versions acme container team/app 2`");
    expect(blocks[1]!.accessory!.value).toBe("acme container team/app version=7200");
  });

  it("gives a version past GitHub's 30 days no button, and escapes what GitHub calls it", () => {
    const message = renderVersionsOffer(
      {
        kind: "versions",
        package: image,
        versions: [{ id: 1, label: "<!channel> & `x`", deletedAt: "2026-09-01T00:00:00Z" }],
        page: 1,
      },
      COMMAND,
    );
    const section = message.blocks[1] as Block;
    expect(section.accessory).toBeUndefined();
    expect(section.text!.text).toBe(
      "`&lt;!channel&gt; &amp; ˋxˋ` · deleted <!date^1788220800^{date_short_pretty} at {time}|2026-09-01 00:00 UTC> · ID 1 · past GitHub's 30 days, so it can't be restored",
    );
    expect((message.blocks.at(-1) as Block).elements![0]!.text).toBe(
      "Page 1 · a button opens a request as if you had typed it",
    );
  });

  it("offers the package restore when the package itself is deleted", () => {
    const message = renderVersionsOffer(
      {
        kind: "package_deleted",
        package: image,
        command: "acme container team/app",
        caveat: "GitHub also answers “not found” to App tokens.",
      },
      COMMAND,
    );
    expect(validateBlocks(message.blocks)).toEqual([]);
    const [block] = message.blocks as Block[];
    expect(block!.text!.text).toContain("GitHub shows no active container package `team/app` in acme");
    expect(block!.text!.text).toContain("GitHub also answers “not found” to App tokens.");
    expect(block!.accessory).toMatchObject({
      action_id: REQUEST_VERSION_ACTION,
      value: "acme container team/app",
      text: { text: "Request package restore" },
    });
  });
});

describe("renderCard for a version", () => {
  const record: RequestRecord = {
    id: "req-1",
    mode: "approval",
    requester: { teamId: "T1", userId: "U0REQ" },
    channelId: "C1",
    request: {
      org: "acme",
      packageType: "npm",
      packageName: "web-ui",
      target: { kind: "version", versionId: 7303, label: "2.0.0" },
      reason: "",
      notes: [],
    },
    precheck: { kind: "version_not_deleted", checkedAt: "2026-11-20T10:00:00Z" },
    state: "pending",
    createdAt: "2026-11-20T10:00:00Z",
    updatedAt: "2026-11-20T10:00:00Z",
    expiresAt: "2026-11-21T10:00:00Z",
  };

  it("names the version, shows the pre-check above the status, and asks to confirm a version restore", () => {
    const card = renderCard(record, "https://github.com/orgs/acme/packages/npm/package/web-ui", COMMAND);
    const json = JSON.stringify(card.blocks);
    expect(validateBlocks(card.blocks)).toEqual([]);
    expect(card.text).toBe("<@U0REQ> asks to restore the version `2.0.0` (ID 7303) of npm package `web-ui` in acme");
    expect(json).toContain(":package: *Version restore* for `web-ui`");
    expect(json).toContain("*Version*\\n`2.0.0` · ID 7303");
    expect(json).toContain("Restore this version?");
    const contexts = (card.blocks as Block[])
      .filter((block) => block.type === "context")
      .map((block) => block.elements![0]!.text);
    expect(contexts).toHaveLength(2);
    expect(contexts[0]).toBe(
      ":warning: GitHub doesn't list version `2.0.0` (ID 7303) among this package's deleted versions: it may be active or not exist, and the restore would fail. See `/restore-package versions acme npm web-ui`.",
    );
    expect(contexts[1]).toContain("Waiting for approval");
  });

  it("says 'could not check' with GitHub's reason, and nothing when there was no pre-check", () => {
    const unknown = renderCard(
      { ...record, precheck: { kind: "unknown", detail: "GitHub answered 403: <nope>" } },
      "https://github.com/x",
      COMMAND,
    );
    expect(JSON.stringify(unknown.blocks)).toContain(
      ":mag: Could not check with GitHub (GitHub answered 403: &lt;nope&gt;); the request can still go ahead.",
    );
    const { precheck: _omitted, ...unchecked } = record;
    expect(
      (renderCard(unchecked, "https://github.com/x", COMMAND).blocks as Block[]).filter(
        (block) => block.type === "context",
      ),
    ).toHaveLength(1);
  });
});

describe("the audit trail of a version restore", () => {
  const event: AuditEvent = {
    eventId: "req-1:restored",
    requestId: "req-1",
    event: "restored",
    at: "2026-11-20T10:00:00Z",
    actor: { teamId: "T1", userId: "U0APPR" },
    requester: { teamId: "T1", userId: "U0REQ" },
    org: "acme",
    packageType: "npm",
    packageName: "web-ui",
    versionId: 7303,
    versionLabel: "2.0.0",
    reason: "",
    github: { outcome: "restored", status: 204 },
  };

  it("names the version in the audit channel's line", () => {
    expect(renderAuditLine(event)).toContain("`npm` `web-ui` version `2.0.0` ID 7303 in `acme`");
    expect(renderAuditLine({ ...event, versionId: undefined, versionLabel: "tag v1" } as AuditEvent)).toContain(
      "`web-ui` version `tag v1` in",
    );
  });

  it("exports the version in two columns at the end of the CSV", () => {
    const [header, row] = formatAuditExport([event], "csv").split("\r\n");
    expect(header!.endsWith(",thread_link,version_id,version_label")).toBe(true);
    expect(row!.endsWith(",7303,2.0.0")).toBe(true);
  });
});
