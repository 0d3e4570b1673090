// The local server with a simulated Slack signs and acts as any simulated user, so it must answer only the
// developer's own tools: requests addressed to it by its own address (a DNS-rebound page sends its own name in
// Host, a cross-site page its origin in Origin). Real HTTP on 127.0.0.1, with the headers a browser would send.
import { spawn } from "node:child_process";
import { request as httpRequest } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_SIGNING_SECRET } from "../../../local/localIdentities.js";
import { startLocalStack, type LocalStack } from "../../../local/startLocalStack.js";
import { commandBody, signedHeaders } from "../../../local/simulators/slack/slackRequests.js";

const ROOT = join(import.meta.dirname, "../../..");
let stack: LocalStack;
let port: number;

beforeAll(async () => {
  stack = await startLocalStack({
    env: { AUDIT_CHANNEL_ID: "" },
    quiet: true,
    retryDelaysMs: [10, 20],
    slackRetryConfig: { retries: 0 },
  });
  port = Number(new URL(stack.url).port);
}, 30_000);
afterAll(async () => stack?.close());

/** One request to the stack over node:http, which (unlike fetch) sends the Host header it is given. */
function send(path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: "127.0.0.1", port, path, method: body === undefined ? "GET" : "POST", headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
        );
      },
    );
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

const own = () => [`127.0.0.1:${port}`, `localhost:${port}`];
const typed = JSON.stringify({ as: "U0REQUESTER", text: "/restore-package acme npm left-pad by mistake" });

describe("the local server with a simulated Slack", () => {
  it("serves the playground and the local routes to its own address", async () => {
    for (const host of own()) {
      expect((await send("/", { host })).status).toBe(200);
      expect((await send("/_playground/state?as=U0REQUESTER", { host })).status).toBe(200);
      expect((await send("/_local/response-url", { host })).status).toBe(200);
    }
  });

  it.each([
    "rebound.example",
    "rebound.example:PORT",
    "127.0.0.1:1",
    "localhost",
    "127.0.0.1.nip.io:PORT",
    "LOCALHOST.:PORT",
  ])("refuses Host %s with 403 on every route", async (hostTemplate) => {
    const host = hostTemplate.replace("PORT", String(port));
    for (const path of [
      "/",
      "/_playground/app.js",
      "/_playground/state?as=U0APPROVER1",
      "/_local/response-url",
      "/_local/slack",
    ]) {
      const answer = await send(path, { host });
      expect(answer.status, path).toBe(403);
      expect(answer.text).toContain(`http://127.0.0.1:${port}`);
    }
  });

  it("refuses a command posted from another origin, and nothing reaches Slack", async () => {
    const before = stack.slack!.calls.length;
    for (const origin of [
      "http://rebound.example",
      `http://rebound.example:${port}`,
      "null",
      `https://127.0.0.1:${port}`,
      `http://127.0.0.1:${port + 1}`,
    ]) {
      const answer = await send(
        "/_playground/command",
        { host: `127.0.0.1:${port}`, origin, "content-type": "application/json" },
        typed,
      );
      expect(answer.status, origin).toBe(403);
    }
    const rebound = await send(
      "/_playground/command",
      { host: `rebound.example:${port}`, origin: `http://rebound.example:${port}`, "content-type": "application/json" },
      typed,
    );
    expect(rebound.status).toBe(403);
    await stack.handOff.idle();
    expect(stack.slack!.calls.length).toBe(before);
  });

  it("accepts a command from its own origin", async () => {
    const answer = await send(
      "/_playground/command",
      { host: `localhost:${port}`, origin: `http://localhost:${port}`, "content-type": "application/json" },
      typed,
    );
    expect(answer.status).toBe(200);
    await stack.handOff.idle();
  });

  // The local signing secret is public, so a rebound page could sign commands and clicks itself.
  it("refuses a request to /slack/events signed with the local secret but addressed to another host", async () => {
    const body = new URLSearchParams(commandBody({ text: "acme npm left-pad" })).toString();
    const rebound = await send(
      "/slack/events",
      { ...signedHeaders(LOCAL_SIGNING_SECRET, body), host: `rebound.example:${port}` },
      body,
    );
    expect(rebound.status).toBe(403);
    const own = await send(
      "/slack/events",
      { ...signedHeaders(LOCAL_SIGNING_SECRET, body), host: `127.0.0.1:${port}` },
      body,
    );
    expect(own.status).toBe(200);
    await stack.handOff.idle();
  });

  it("keeps `npm run slash` working: it asks and approves through localhost", async () => {
    const slash = (...args: string[]) =>
      run(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "scripts/slash.ts"), ...args], { PORT: String(port) });
    const asked = await slash("acme", "container", "team/app", "cleanup", "removed", "it");
    expect(asked.code).toBe(0);
    expect(asked.stdout).toContain("Acknowledgement (HTTP 200)");
    expect(asked.stdout).toContain("Card in C0LOCAL1");
    expect(asked.stdout).toContain("[ Approve ]");
    const approved = await slash("--approve", "--as", "U0APPROVER1");
    expect(approved.code).toBe(0);
    expect(approved.stdout).toContain("Restored the container package");
  }, 30_000);
});

describe("the local server with a simulated Slack and a real GitHub", () => {
  let real: LocalStack;
  beforeAll(async () => {
    // A classic PAT in the environment means a real GitHub; nothing here calls it.
    real = await startLocalStack({
      env: { GITHUB_TOKEN: "ghp_notarealtokenforthistest", GITHUB_API_URL: "http://127.0.0.1:9", AUDIT_CHANNEL_ID: "" },
      quiet: true,
    });
  }, 30_000);
  afterAll(async () => real?.close());

  it("does not serve the playground, which would approve real restores as any simulated user", async () => {
    expect(real.github).toBeUndefined();
    expect(real.playgroundUrl).toBeUndefined();
    for (const path of ["/", "/_playground/app.js", "/_playground/state?as=U0APPROVER1"])
      expect((await fetch(`${real.url}${path}`)).status, path).toBe(404);
    const posted = await fetch(`${real.url}/_playground/command`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: typed,
    });
    expect(posted.status).toBe(404);
    // `npm run slash` still has its routes.
    expect((await fetch(`${real.url}/_local/response-url`)).status).toBe(200);
  });

  it("says so at start-up, and why", async () => {
    const started = await run(
      join(ROOT, "node_modules/.bin/tsx"),
      [join(ROOT, "scripts/start.ts")],
      { PORT: "0", GITHUB_TOKEN: "ghp_notarealtokenforthistest", GITHUB_API_URL: "http://127.0.0.1:9" },
      /GitHub: /,
    );
    expect(started.stdout).toMatch(/playground is off/i);
    expect(started.stdout).toMatch(/GitHub is real/i);
    expect(started.stdout).not.toContain("ghp_notarealtokenforthistest");
  }, 30_000);
});

/** Runs a command to its end, or until its output matches `until` (then stops it). */
function run(
  command: string,
  args: string[],
  env: Record<string, string>,
  until?: RegExp,
): Promise<{ code: number | null; stdout: string }> {
  const { SLACK_BOT_TOKEN: _s, GITHUB_APP_ID: _a, GITHUB_TOKEN: _t, TABLE_NAME: _n, ...inherited } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...inherited, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    const timer = setTimeout(() => child.kill("SIGTERM"), 25_000);
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
      if (until?.test(stdout)) child.kill("SIGTERM");
    });
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout });
    });
  });
}
