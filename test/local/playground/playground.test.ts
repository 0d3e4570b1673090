// The playground in a real browser: Debian's chromium driven by playwright-core (no browser download).
// Skipped, saying why, where /usr/bin/chromium is missing; .ci/run installs it so CI always runs this.
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_BOT_TOKEN } from "../../../local/localIdentities.js";
import { startLocalStack, type LocalStack } from "../../../local/startLocalStack.js";

const CHROMIUM = "/usr/bin/chromium";
// The playground's screenshot (docs/playground.png) is rewritten only on request (UPDATE_SCREENSHOT=1), so test runs leave the tree clean.
const SCREENSHOT = process.env.UPDATE_SCREENSHOT
  ? join(import.meta.dirname, "../../../docs/playground.png")
  : join(tmpdir(), "package-restore-playground.png");
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const hasChromium = existsSync(CHROMIUM);
const browserIt = hasChromium ? it : it.skip;
if (!hasChromium)
  console.warn(
    `Skipping the playground browser tests: ${CHROMIUM} is missing. Install Debian's chromium with \`apt-get install chromium\` (.ci/run does so in CI).`,
  );

let stack: LocalStack;
let context: BrowserContext;
let page: Page;
let profile: string;
const dialogs: string[] = [];

beforeAll(async () => {
  if (!hasChromium) return;
  stack = await startLocalStack({
    env: {},
    serviceName: "package-restore-playground-test",
    quiet: true,
    githubTuning: { retryBaseMs: 1, attemptTimeoutMs: 2000, writeSpacingMs: 0 },
    slackRetryConfig: { retries: 0 },
    retryDelaysMs: [10, 20],
  });
  profile = mkdtempSync(join(tmpdir(), "playground-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1360, height: 860 },
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(`${stack.url}/`);
  await page.locator(".user").first().waitFor();
}, 60_000);

afterAll(async () => {
  await context?.close();
  await stack?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function actAs(userId: string): Promise<void> {
  await page.click(`button.user[data-user="${userId}"]`);
  await expect.poll(() => page.getAttribute(`button.user[data-user="${userId}"]`, "aria-pressed")).toBe("true");
}

async function type(text: string): Promise<void> {
  await page.fill("#composer-input", text);
  await page.press("#composer-input", "Enter");
}

/** The card for a package, by the name in its first line. */
function card(name: string) {
  return page
    .locator("#messages > article.msg")
    .filter({ hasText: `Package restore for ${name}` })
    .last();
}

describe("the playground", () => {
  browserIt(
    "plays the whole flow: a command, an approval as a second user, the thread reply and the audit line",
    async () => {
      await actAs("U0REQUESTER");
      await type("/restore-package acme container team/app mistake");
      const teamApp = card("team/app");
      await teamApp.locator('button[data-action-id="restore_approve"]').waitFor();
      await expect
        .poll(() => page.locator("#messages article.private").last().textContent())
        .toContain("Got it: asking for approval");

      await actAs("U0APPROVER1");
      expect(await page.locator("#messages article.private").count()).toBe(0);
      await teamApp.locator('button[data-action-id="restore_approve"]').click();
      await page.locator("#confirm-dialog[open]").waitFor();
      expect(await page.textContent("#confirm-title")).toBe("Restore this package?");
      await page.click("#confirm-ok");

      const reply = teamApp.locator(".thread article.msg").filter({ hasText: "Restored the container package" });
      await reply.waitFor({ timeout: 15_000 });
      expect(await reply.textContent()).toContain("@Robin");
      expect(await teamApp.locator(".thread-summary").textContent()).toBe("1 reply");
      const auditLine = page
        .locator("#audit article.msg")
        .filter({ hasText: "restored" })
        .filter({ hasText: "team/app" });
      await auditLine.waitFor({ timeout: 15_000 });
      expect(await auditLine.textContent()).toContain("GitHub 204");
      // The card was updated in place: no buttons, who approved, and Slack's "edited" marker.
      await expect.poll(() => teamApp.locator("button[data-action-id]").count()).toBe(0);
      expect(await teamApp.locator(".meta").first().textContent()).toContain("(edited)");
      // The last context line is the status; the one above it is the pre-check.
      expect(await teamApp.locator(".content").first().locator(".context").last().textContent()).toContain(
        "Approved by @Ada",
      );
      expect(await page.locator("#packages tr").filter({ hasText: "team/app" }).textContent()).toContain("active");
      expect(await page.locator("#calls").textContent()).toContain("/orgs/acme/packages/container/team%2Fapp/restore");

      mkdirSync(join(SCREENSHOT, ".."), { recursive: true });
      await page.screenshot({ path: SCREENSHOT });
      expect(statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
    },
    60_000,
  );

  browserIt(
    "repairs a broken multi-platform image: what is broken, one card, one approval, the tag verified",
    async () => {
      await actAs("U0REQUESTER");
      await type("/restore-package repair acme ghcr.io/acme/ci/runner:1.4 cleanup broke it");
      const diagnosis = page.locator("#messages article.private").filter({ hasText: "doesn't pull" }).last();
      await diagnosis.waitFor();
      expect(await diagnosis.textContent()).toContain("4 of 4 missing can be restored");
      const repair = page.locator("#messages > article.msg").filter({ hasText: "Image repair for ci/runner" }).last();
      await repair.locator('button[data-action-id="restore_approve"]').waitFor();
      expect(await repair.textContent()).toContain("Versions to restore (4)");

      await actAs("U0APPROVER1");
      await repair.locator('button[data-action-id="restore_approve"]').click();
      await page.locator("#confirm-dialog[open]").waitFor();
      expect(await page.textContent("#confirm-title")).toBe("Restore these versions?");
      await page.click("#confirm-ok");

      const reply = repair.locator(".thread article.msg").filter({ hasText: "Repaired" });
      await reply.waitFor({ timeout: 20_000 });
      expect(await reply.textContent()).toContain("works again on linux/amd64, linux/arm64/v8");
      await expect.poll(() => repair.locator("button[data-action-id]").count()).toBe(0);
      expect(await page.locator("#calls").textContent()).toContain("/versions/8111/restore");
    },
    60_000,
  );

  browserIt(
    "shows an outsider's refused click only to the outsider",
    async () => {
      await actAs("U0REQUESTER");
      await type("/restore-package acme npm left-pad please");
      const leftPad = card("left-pad");
      await leftPad.locator('button[data-action-id="restore_deny"]').waitFor();

      await actAs("U0OUTSIDER");
      await leftPad.locator('button[data-action-id="restore_deny"]').click();
      const refusal = page.locator("#messages article.private").filter({ hasText: "You can't deny this" });
      await refusal.waitFor();
      expect(await refusal.textContent()).toContain("Only visible to you");

      for (const other of ["U0APPROVER1", "U0REQUESTER"]) {
        await actAs(other);
        expect(await page.locator("#messages").textContent()).not.toContain("You can't deny this");
      }
      // Nothing changed: the card still waits for an approver.
      expect(await leftPad.locator('button[data-action-id="restore_approve"]').count()).toBe(1);
    },
    30_000,
  );

  browserIt(
    "shows a message it can't render as raw JSON with a warning",
    async () => {
      const posted = await fetch(`${stack.slack!.apiUrl}chat.postMessage`, {
        method: "POST",
        headers: { authorization: `Bearer ${LOCAL_BOT_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({
          channel: "C0LOCAL1",
          text: "a poll",
          blocks: [
            {
              type: "rich_text",
              elements: [
                { type: "rich_text_section", elements: [{ type: "text", text: "unknown to the playground" }] },
              ],
            },
          ],
        }),
      });
      expect(((await posted.json()) as { ok: boolean }).ok).toBe(true);
      const raw = page.locator("#messages .unrenderable").filter({ hasText: "unknown to the playground" });
      await raw.waitFor();
      expect(await raw.locator(".unrenderable-warning").textContent()).toContain("can't render this message");
      expect(await raw.locator(".raw-json").textContent()).toContain('"type": "rich_text"');
    },
    30_000,
  );

  browserIt(
    "renders what people type as text, never as HTML or a ping",
    async () => {
      await actAs("U0REQUESTER");
      const evil = `<img src=x onerror=alert(1)> <!channel> <script>window.pwned = 1</script> <@U0APPROVER1>`;
      await type(`/restore-package acme npm reused ${evil}`);
      const reused = card("reused");
      await reused.waitFor();
      expect(await reused.textContent()).toContain(evil);
      await type(`plain words: <img src=x onerror=alert(2)> <b>bold?</b> <!here>`);
      const plain = page.locator("#messages > article.msg").filter({ hasText: "plain words:" });
      await plain.waitFor();
      expect(await plain.textContent()).toContain("<img src=x onerror=alert(2)> <b>bold?</b> <!here>");

      expect(await page.locator("#messages img, #messages script").count()).toBe(0);
      expect(await plain.locator("b").count()).toBe(0);
      expect(await reused.locator(".mention").count()).toBe(1); // the bot's own mention of the requester; the typed ones are text
      expect(await plain.locator(".mention").count()).toBe(0);
      expect(await page.evaluate(() => (window as { pwned?: unknown }).pwned)).toBeUndefined();
      expect(dialogs).toEqual([]);
    },
    30_000,
  );
});
