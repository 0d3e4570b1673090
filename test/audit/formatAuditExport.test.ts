import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSV_COLUMNS, formatAuditExport } from "../../src/audit/formatAuditExport.js";
import type { AuditEvent } from "../../src/domain/audit/auditEvent.js";
import { startTestStack, type TestStack } from "../support/startTestStack.js";

const event: AuditEvent = {
  eventId: "req-1:restored",
  requestId: "req-1",
  event: "restored",
  at: "2026-11-25T10:00:00.000Z",
  actor: { teamId: "T1", userId: "U2" },
  requester: { teamId: "T1", userId: "U1" },
  org: "acme",
  packageType: "container",
  packageName: "team/app",
  reason: 'deleted by "cleanup", oops\nsecond line',
  github: { outcome: "restored", status: 204, requestId: "AB:CD" },
  threadLink: "https://acme.slack.com/archives/C1/p123",
};

describe("formatAuditExport", () => {
  it("writes CSV with a header and RFC 4180 quoting", () => {
    const [header, row, end] = formatAuditExport([event], "csv").split("\r\n");
    expect(header).toBe(CSV_COLUMNS.join(","));
    expect(row).toBe(
      '2026-11-25T10:00:00.000Z,restored,req-1,req-1:restored,T1,U2,T1,U1,acme,container,team/app,"deleted by ""cleanup"", oops\nsecond line",,restored,204,,AB:CD,https://acme.slack.com/archives/C1/p123,,',
    );
    expect(end).toBe("");
  });

  it.each([
    '=HYPERLINK("http://evil")',
    "+1+1",
    "-2",
    "@SUM(A1)",
    '＝HYPERLINK("http://evil")',
    "＋1",
    "－2",
    "＠SUM(A1)",
    "\tcmd",
  ])("defuses a reason a spreadsheet would run as a formula: %s", (reason) => {
    const row = formatAuditExport([{ ...event, reason }], "csv").split("\r\n")[1]!;
    expect(row).toContain(`'${reason.replace(/"/g, '""')}`);
  });

  it("quotes a field with a lone line break, and keeps numbers as numbers", () => {
    const row = formatAuditExport(
      [{ ...event, reason: "one\rtwo", github: { outcome: "failed", status: 404 }, versionId: 42 }],
      "csv",
    ).split("\r\n")[1]!;
    expect(row).toContain(',"one\rtwo",');
    expect(row).toContain(",404,");
    expect(row.endsWith(",42,")).toBe(true);
  });

  it("writes JSON lines that read back to the same events", () => {
    const text = formatAuditExport([event, { ...event, eventId: "req-1:requested", event: "requested" }], "json");
    expect(
      text
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as AuditEvent),
    ).toEqual([event, { ...event, eventId: "req-1:requested", event: "requested" }]);
  });

  it("writes only the header, or nothing, for no events", () => {
    expect(formatAuditExport([], "csv")).toBe(`${CSV_COLUMNS.join(",")}\r\n`);
    expect(formatAuditExport([], "json")).toBe("");
  });
});

describe("npm run audit", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ RESTORE_REQUIRE_APPROVAL: "false" });
    await stack.command("acme container team/app");
  });
  afterAll(async () => stack.close());

  const run = (args: string[]) =>
    promisify(execFile)("node_modules/.bin/tsx", ["scripts/audit.ts", ...args], {
      env: {
        PATH: process.env.PATH,
        TABLE_NAME: stack.config.store.tableName,
        DYNAMODB_ENDPOINT: stack.config.store.endpoint,
      },
    });

  it("exports the table's records as JSON lines", async () => {
    const { stdout, stderr } = await run(["--since", "1h", "--format", "json"]);
    const events = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as AuditEvent);
    expect(events.map((e) => e.event)).toEqual(["requested", "restore_started", "restored"]);
    expect(events.every((e) => e.packageName === "team/app")).toBe(true);
    expect(stderr).toContain("3 audit records from");
  });

  it("exports CSV by default", async () => {
    const { stdout } = await run(["--since", "1h"]);
    const lines = stdout.trim().split("\r\n");
    expect(lines[0]).toBe(CSV_COLUMNS.join(","));
    expect(lines).toHaveLength(4);
  });

  it("says what is wrong with bad arguments", async () => {
    await expect(run(["--format", "xml"])).rejects.toMatchObject({
      code: 1,
      stderr: "--format must be csv or json.\n",
    });
    await expect(run(["--since", "yesterday"])).rejects.toMatchObject({
      stderr: expect.stringContaining("--since: use a number and a unit"),
    });
  });
});
