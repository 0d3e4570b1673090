// `doctor` end to end: a signed command → the real HTTP handler → the worker → the GitHub, registry and Slack
// simulators and dynalite, each set up as it should be, then broken one way at a time.
import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { LOCAL_AUDIT_CHANNEL, LOCAL_PAT } from "../../local/localIdentities.js";
import { LOCAL_AWS_ENV } from "../../local/simulators/dynamo/startLocalDynamo.js";
import type { Env } from "../../src/config/readEnv.js";
import { startTestStack, type TestStack } from "../support/startTestStack.js";

const APPROVER = "U0APPROVER1";
let stack: TestStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

/** Starts the stack (with an audit channel), lets the sweep run once, and answers `doctor` as the approver. */
async function doctor(env: Env = {}, breakIt: (stack: TestStack) => void = () => {}) {
  stack = await startTestStack({ AUDIT_CHANNEL_ID: LOCAL_AUDIT_CHANNEL, ...env });
  await stack.worker.runSweep();
  breakIt(stack);
  const ack = await stack.command("doctor", { userId: APPROVER });
  const answers = stack.privateTo(APPROVER);
  expect(answers).toHaveLength(1);
  const lines = answers[0]!.split("\n");
  return {
    ack: ack.json ?? {},
    lines,
    line: (check: string) => lines.find((line) => line.slice(2).startsWith(check)),
  };
}

describe("doctor", () => {
  it("gives the simulated setup a clean bill, one ✓ line per check, and changes nothing", async () => {
    const { ack, lines } = await doctor();
    expect(ack.text).toContain("the setup's checks come here");
    expect(lines[0]).toMatch(/^All \d+ checks pass\.$/);
    for (const check of [
      "GitHub App:",
      "GitHub App on acme:",
      "Package reads in acme:",
      "Container registry:",
      "Slack bot token:",
      `Slack audit channel ${LOCAL_AUDIT_CHANNEL}:`,
      "DynamoDB table:",
      "Worker's last success:",
      "Sweep's last success:",
    ])
      expect(lines).toContainEqual(
        expect.stringMatching(new RegExp(`^✓ ${check.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`)),
      );
    expect(lines.slice(1).every((line) => line.startsWith("✓ "))).toBe(true);
    // Read-only: no GitHub write, no message in any channel, only the private answer.
    expect(
      stack!.github.calls.filter((call) => call.method !== "GET" && !call.rawPath.endsWith("/access_tokens")),
    ).toEqual([]);
    expect(stack!.slack.messages()).toEqual([]);
    expect(stack!.slack.calls.map((call) => call.method).filter((method) => method.startsWith("chat."))).toEqual([]);
  });

  it("tells anyone but an approver that only approvers can run it, and checks nothing", async () => {
    stack = await startTestStack();
    await stack.command("doctor", { userId: "U0REQUESTER" });
    expect(stack.privateTo("U0REQUESTER")).toEqual([
      expect.stringContaining("Only approvers (RESTORE_APPROVERS) can run this"),
    ]);
    expect(stack.github.calls).toEqual([]);
  });

  it("finds a classic PAT without write:packages and says how to add it", async () => {
    const { line } = await doctor({ GITHUB_AUTH: "token" }, (s) =>
      s.github.setPatScopes(LOCAL_PAT, ["read:packages", "repo"]),
    );
    expect(line("GitHub token")).toMatch(
      /^✗ GitHub token: the classic PAT of \S+ lacks write:packages .* Fix: Edit the token .* tick write:packages/,
    );
  });

  it("gives a PAT with every scope ✓, and finds one not authorised for an org's SSO", async () => {
    const { line } = await doctor({ GITHUB_AUTH: "token", RESTORE_ORGS: "acme" }, (s) =>
      s.github.requireSso("acme", []),
    );
    expect(line("GitHub token")).toMatch(/^✓ GitHub token: a classic PAT .* read:packages, write:packages, repo/);
    expect(line("Package reads in acme")).toMatch(
      /^✗ .*not authorised for acme's SAML single sign-on.* Fix: Authorise it: .*Configure SSO → acme \(or open https:\/\/github\.com\/orgs\/acme\/sso/,
    );
  });

  it("finds the App not installed on one of RESTORE_ORGS", async () => {
    const { lines, line } = await doctor({ RESTORE_ORGS: "acme,globex" }, (s) => s.github.addOrg("globex"));
    expect(line("GitHub App on acme")).toMatch(/^✓/);
    expect(line("GitHub App on globex")).toBe(
      "✗ GitHub App on globex: the App is not installed on globex. Fix: Install it on globex: the App's settings → Install App → globex (an org owner must approve).",
    );
    expect(lines[0]).toBe(`1 of ${lines.length - 1} checks found a problem.`);
  });

  it("finds that GitHub refuses package reads to the App's token", async () => {
    const { line } = await doctor({}, (s) => {
      s.github.appTokensOnPackages = "not_found";
    });
    expect(line("Package reads in acme")).toMatch(
      /^✗ .*refuses a package read with the App's token \(404 Package not found\.\).* Fix: .*classic PAT/,
    );
  });

  it("finds a registry that won't let the App's token pull the org's images", async () => {
    const { line } = await doctor({}, (s) => {
      s.registry!.refuseInstallationTokens = true;
    });
    expect(line("Container registry")).toMatch(
      /^✗ Container registry: the registry refuses to let the credential pull acme\/web\/api: .*403.* Fix: /,
    );
  });

  it("finds the bot missing from the audit channel", async () => {
    const { line } = await doctor({}, (s) => s.slack.setBotChannels(["C0RESTORE"]));
    expect(line(`Slack audit channel ${LOCAL_AUDIT_CHANNEL}`)).toBe(
      `✗ Slack audit channel ${LOCAL_AUDIT_CHANNEL}: the bot is not a member (#sim-c0audit), so it can't post there. Fix: Invite it: /invite @package-restore in that channel.`,
    );
  });

  it("finds approvers in a user group the token may not read (no usergroups:read)", async () => {
    const { line } = await doctor({ RESTORE_APPROVERS: `${APPROVER},S0APPROVERS` }, (s) => {
      s.slack.setUserGroups({ S0APPROVERS: ["U0APPROVER2"] });
      s.slack.setScopes(["commands", "chat:write", "channels:read", "groups:read"]);
    });
    expect(line("Slack bot token")).toMatch(
      /^✗ Slack bot token: the token lacks usergroups:read \(to read the user groups S0APPROVERS\)\. Fix: Add usergroups:read/,
    );
    expect(line("Slack user group S0APPROVERS")).toMatch(
      /^✗ .*can't be read: the token lacks usergroups:read\. Fix: Add usergroups:read/,
    );
  });

  it("finds a table it cannot reach, and says so for the runs it records there too", async () => {
    const port = await closedPort();
    stack = await startTestStack({
      TABLE_NAME: "package-restore-gone",
      DYNAMODB_ENDPOINT: `http://127.0.0.1:${port}`,
      ...LOCAL_AWS_ENV,
    });
    await stack.command("doctor", { userId: APPROVER });
    // Answered once: the worker's last-success write failed too, and was logged rather than retried.
    expect(stack.privateTo(APPROVER)).toHaveLength(1);
    expect(stack.logs.some((line) => line.message === "Could not record a successful run for doctor")).toBe(true);
    const lines = stack.privateTo(APPROVER)[0]!.split("\n");
    expect(lines).toContainEqual(
      expect.stringMatching(/^✗ DynamoDB table: package-restore-gone could not be read \(.+\)\. Fix: Check TABLE_NAME/),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^✗ Sweep's last success: could not be read/));
    expect(lines).toContainEqual(expect.stringMatching(/^✓ Slack bot token/));
  });
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
