// The Slack app manifest operators paste: it must point Slack at the route serverless.yml deploys,
// ask for no scope the bot does not use, and say why it asks for each.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./packageService.js";

// js-yaml comes with osls (pinned in devDependencies), which parses serverless.yml with it.
const yaml = createRequire(import.meta.url)("js-yaml") as { load(text: string): unknown };

interface Manifest {
  features: { slash_commands: Array<{ command: string; url: string; usage_hint: string; should_escape: boolean }> };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    interactivity: { is_enabled: boolean; request_url: string };
    socket_mode_enabled: boolean;
    event_subscriptions?: unknown;
  };
}

describe("deploy/slack-app-manifest.yml", async () => {
  const text = await readFile(join(REPO_ROOT, "deploy/slack-app-manifest.yml"), "utf8");
  const manifest = yaml.load(text) as Manifest;
  const route = /path: (\/\S+)/.exec(await readFile(join(REPO_ROOT, "serverless.yml"), "utf8"))?.[1];

  it("sends the command and the button clicks to the deployed route", () => {
    expect(route).toBe("/slack/events");
    const [command] = manifest.features.slash_commands;
    expect(command).toMatchObject({ command: "/restore-package", should_escape: false });
    expect(command!.usage_hint).toContain("<org> <type> <name>");
    for (const url of [command!.url, manifest.settings.interactivity.request_url])
      expect(url).toBe(`https://YOUR-API-ID.execute-api.REGION.amazonaws.com${route}`);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.settings.event_subscriptions).toBeUndefined();
  });

  it("asks only for the scopes the bot uses, each with its reason; the optional ones commented out", () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(["commands", "chat:write"]);
    const lines = text.split("\n");
    for (const scope of [
      "commands",
      "chat:write",
      "chat:write.public",
      "usergroups:read",
      "channels:read",
      "groups:read",
    ]) {
      const at = lines.findIndex((line) => new RegExp(`^\\s*(# )?- ${scope.replace(".", "\\.")}$`).test(line));
      expect(at, scope).toBeGreaterThan(0);
      expect(lines[at - 1], `reason for ${scope}`).toMatch(/^\s*# \S/);
    }
  });
});
