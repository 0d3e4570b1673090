/**
 * Test helpers for the simulator's own tests: an App key pair and JWTs, clients (fetch, raw
 * node:http, Octokit), and a recorder that checks every response against the description.
 */
import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { request as httpRequest } from "node:http";
import { createAppAuth } from "@octokit/auth-app";
import { Octokit } from "@octokit/core";
import { restEndpointMethods } from "@octokit/plugin-rest-endpoint-methods";
import { afterEach, expect } from "vitest";
import { conformanceProblems } from "../../../../local/simulators/github/conformance.js";
import {
  seedExampleOrg,
  startGitHubSimulator,
  type GitHubSimulator,
  type GitHubSimulatorOptions,
} from "../../../../local/simulators/github/startGitHubSimulator.js";

export const APP_ID = 1234;
type PatName = "ghp_readwrite" | "ghp_readonly" | "ghp_writeonly" | "ghp_delete";
export const PATS: Record<PatName, string[]> = {
  ghp_readwrite: ["read:packages", "write:packages"],
  ghp_readonly: ["read:packages"],
  ghp_writeonly: ["write:packages"],
  ghp_delete: ["read:packages", "delete:packages"],
};

export interface AppKeys {
  privateKeyPem: string;
  publicKey: KeyObject;
}

export function generateAppKeys(): AppKeys {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(), publicKey };
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/**
 * An RS256 JWT signed with `keys`; `claims` override the App defaults that @octokit/auth-app
 * uses (iat 30 s before `at`, exp 9.5 min after, iss APP_ID).
 */
export function appJwt(
  keys: AppKeys,
  claims: Record<string, unknown> = {},
  opts: { alg?: string; at?: Date } = {},
): string {
  const nowS = Math.floor((opts.at ?? new Date()).getTime() / 1000);
  const payload = { iat: nowS - 30, exp: nowS + 570, iss: APP_ID, ...claims };
  const input = `${b64url({ alg: opts.alg ?? "RS256", typ: "JWT" })}.${b64url(payload)}`;
  return `${input}.${sign("RSA-SHA256", Buffer.from(input), keys.privateKeyPem).toString("base64url")}`;
}

export interface Answer {
  status: number;
  headers: Headers;
  /** Parsed JSON (undefined when empty): tests assert on its fields. */
  // biome-ignore lint/suspicious/noExplicitAny: the simulator's answers are read field by field in tests, whatever their shape.
  body: any;
}

/** One request through the recording fetch; the body is parsed when there is one. */
export async function send(
  recorder: ResponseRecorder,
  sim: GitHubSimulator,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Answer> {
  const res = await recorder.fetch(`${sim.url}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === "" ? undefined : (JSON.parse(text) as unknown) };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json(): unknown;
}

/** Records every response, checks it against the description and for a unique request id. */
export class ResponseRecorder {
  private problems: string[] = [];
  private readonly sims: GitHubSimulator[] = [];
  private readonly requestIds = new Set<string>();
  checked = 0;

  track(sim: GitHubSimulator): void {
    this.sims.push(sim);
  }

  takeProblems(): string[] {
    return this.problems.splice(0);
  }

  record(requestId: string | null, status: number, body: string, contentType: string | null): void {
    if (!requestId) {
      this.problems.push(`status ${status}: response without x-github-request-id`);
      return;
    }
    if (this.requestIds.has(requestId)) this.problems.push(`duplicate x-github-request-id ${requestId}`);
    this.requestIds.add(requestId);
    const call = this.sims.flatMap((s) => s.calls).find((c) => c.requestId === requestId);
    if (!call) {
      this.problems.push(`no recorded call for request ${requestId}`);
      return;
    }
    if (call.status !== status) this.problems.push(`call records ${call.status}, response was ${status}`);
    this.problems.push(...conformanceProblems({ operationId: call.operationId, status, body, contentType }));
    this.checked += 1;
  }

  /** A fetch that records each response (give it to Octokit as `request.fetch`). */
  readonly fetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const body = await response.clone().text();
    this.record(
      response.headers.get("x-github-request-id"),
      response.status,
      body,
      response.headers.get("content-type"),
    );
    return response;
  };

  /** A request whose path goes on the wire byte for byte (fetch would normalise `..`). */
  raw(baseUrl: string, method: string, path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
    const { hostname, port } = new URL(baseUrl);
    return new Promise((resolve, reject) => {
      const req = httpRequest({ hostname, port, method, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const body = Buffer.concat(chunks).toString("utf8");
          const id = res.headers["x-github-request-id"];
          this.record(
            typeof id === "string" ? id : null,
            res.statusCode ?? 0,
            body,
            res.headers["content-type"] ?? null,
          );
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) as unknown });
        });
      });
      req.on("error", reject);
      req.end();
    });
  }
}

const RestOctokit = Octokit.plugin(restEndpointMethods);
export type RestClient = InstanceType<typeof RestOctokit>;

export interface Logged {
  warnings: string[];
}

const quietLog = (sink: Logged) => ({
  debug: () => {},
  info: () => {},
  warn: (message: string) => void sink.warnings.push(message),
  error: () => {},
});

/** Octokit with a classic PAT, as the bot's PAT mode builds it. */
export function patClient(sim: GitHubSimulator, recorder: ResponseRecorder, token: string): RestClient {
  return new RestOctokit({ auth: token, baseUrl: sim.url, request: { fetch: recorder.fetch } });
}

/** Octokit authenticating as an App installation through @octokit/auth-app. */
export function appClient(
  sim: GitHubSimulator,
  recorder: ResponseRecorder,
  keys: AppKeys,
  installationId: number,
  sink: Logged = { warnings: [] },
): RestClient {
  return new RestOctokit({
    authStrategy: createAppAuth,
    auth: { appId: APP_ID, privateKey: keys.privateKeyPem, installationId },
    baseUrl: sim.url,
    log: quietLog(sink),
    request: { fetch: recorder.fetch },
  });
}

/**
 * Per-test simulators seeded with seedExampleOrg; closed after each test, whose responses
 * must all conform to the description.
 */
export function useSimulators(keys: AppKeys) {
  const recorder = new ResponseRecorder();
  const running: GitHubSimulator[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((sim) => sim.close()));
    expect(recorder.takeProblems()).toEqual([]);
  });
  async function start(opts: GitHubSimulatorOptions = {}): Promise<GitHubSimulator> {
    const sim = await startGitHubSimulator({ appId: APP_ID, appPublicKey: keys.publicKey, pats: PATS, ...opts });
    seedExampleOrg(sim, opts.now?.());
    running.push(sim);
    recorder.track(sim);
    return sim;
  }
  return { recorder, start };
}

/** A PAT `authorization` header. */
export const pat = (token: PatName) => ({ authorization: `token ${token}` });
