// Secrets never leave their use: recognisable values go through commands, approvals, GitHub and
// Slack failures, and must appear in no log line, no Slack message and no error text.
import { afterAll, beforeAll, expect, it } from "vitest";
import { LOCAL_BOT_TOKEN, LOCAL_PAT, LOCAL_SIGNING_SECRET } from "../../local/localIdentities.js";
import { startTestStack, type TestStack } from "../support/startTestStack.js";

let app: TestStack;
let pat: TestStack;

beforeAll(async () => {
  app = await startTestStack({ RESTORE_APPROVERS: "U0APPROVER1", AUDIT_CHANNEL_ID: "C0AUDIT" });
  pat = await startTestStack({ RESTORE_REQUIRE_APPROVAL: "false", GITHUB_AUTH: "token" });
});
afterAll(async () => {
  await app?.close();
  await pat?.close();
});

it("keeps tokens, secrets, keys and response URLs out of logs, Slack messages and errors", async () => {
  // Approval path, with GitHub and Slack failing along the way.
  await app.command("acme npm left-pad please");
  const card = app.slack.messages("C0RESTORE")[0]!;
  await app.click({ action: "approve", card, userId: "U0OUTSIDER" });
  app.github.failNext("packages/restore-package-for-org", { status: 500, message: "Server Error" }, 10);
  await app.click({ action: "approve", card, userId: "U0APPROVER1" });
  await app.command("acme pypi nope");
  app.slack.failNext("chat.postMessage", { error: "internal_error" }, 3);
  await app.command("acme container team/app");
  // PAT mode, direct path, with a 401.
  pat.github.failNext("packages/restore-package-for-org", { status: 401, message: "Bad credentials" });
  await pat.command("acme npm left-pad");
  await pat.command("acme container team/app");

  const privateKeyBody =
    app.config.github.authMode === "app" ? app.config.github.privateKey.split("\n").slice(2, 4).join("") : "";
  expect(privateKeyBody.length).toBeGreaterThan(100);
  const secrets = [
    LOCAL_BOT_TOKEN,
    LOCAL_SIGNING_SECRET,
    LOCAL_PAT,
    privateKeyBody,
    "ghs_",
    "/response/",
    "BEGIN PRIVATE KEY",
  ];

  for (const stack of [app, pat]) {
    const logs = stack.rawLogs.join("\n");
    const slackMessages = JSON.stringify(stack.slack.calls.map((call) => call.args));
    const privateMessages = JSON.stringify(stack.slack.responses.map((response) => response.body));
    const errors = JSON.stringify(stack.handOff.deadLetters.map((letter) => String(letter.error)));
    expect(stack.rawLogs.length).toBeGreaterThan(5);
    expect(stack.slack.calls.length).toBeGreaterThan(3);
    for (const secret of secrets) {
      expect(logs, `log lines contain ${secret}`).not.toContain(secret);
      expect(slackMessages, `Slack messages contain ${secret}`).not.toContain(secret);
      expect(privateMessages, `private messages contain ${secret}`).not.toContain(secret);
      expect(errors, `errors contain ${secret}`).not.toContain(secret);
    }
  }
  // The checks above saw real traffic: an installation token was used, and response URLs were posted to.
  expect(app.github.calls.some((call) => call.auth === "installation")).toBe(true);
  expect(app.slack.responses.length).toBeGreaterThan(0);
});
