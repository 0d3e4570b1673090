/**
 * A GitHub REST API simulator: a real HTTP server on 127.0.0.1 that answers the operations in
 * GitHub's OpenAPI description (github-rest-subset.json) in GitHub's shapes. Used by
 * integration tests and as the demo backend of `npm start`.
 *
 * Each request goes: route (from the spec's paths) -> authenticate -> authorize ->
 * injected fault -> parameter validation (422) -> the operation's handler.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { appOperations } from "./appOperations.js";
import { doctorOperations } from "./doctorOperations.js";
import { authenticate, InstallationTokens, rateLimitKey, toPublicKey, type AuthConfig } from "./auth.js";
import { errorReply, GENERIC_DOCS_URL, RateLimits, readBody, RequestIds, sendReply, type Reply } from "./http.js";
import { compileRoutes, loadSpec, matchRoute, validateParameters, type RouteMatch } from "./openapi.js";
import { authorize, scopeHeaders, type HandlerContext, type OperationHandler } from "./operations.js";
import { packageOperations } from "./packageOperations.js";
import { SimState } from "./state.js";
import type { AppTokenPolicy, GitHubCall, GitHubFault, GitHubSimulator, GitHubSimulatorOptions } from "./types.js";

export type {
  AppTokenPolicy,
  AuthKind,
  GitHubCall,
  GitHubFault,
  GitHubSimulator,
  GitHubSimulatorOptions,
  PackageType,
  SimPackage,
  SimPackageVersion,
} from "./types.js";
export { seedExampleOrg } from "./seed.js";

const HANDLERS: Readonly<Record<string, OperationHandler>> = {
  ...appOperations,
  ...packageOperations,
  ...doctorOperations,
};
const RESTORE_OPERATIONS = new Set(["packages/restore-package-for-org", "packages/restore-package-version-for-org"]);
const APP_TOKEN_POLICIES: readonly AppTokenPolicy[] = ["allowed", "not_found", "forbidden"];
const ORG_LOGIN = /^[a-z\d](?:[a-z\d]|-(?=[a-z\d])){0,38}$/i;

interface PendingFault {
  fault: GitHubFault;
  remaining: number;
}

export async function startGitHubSimulator(opts: GitHubSimulatorOptions = {}): Promise<GitHubSimulator> {
  const now = opts.now ?? (() => new Date());
  const appId = opts.appId ?? 1234;
  const spec = loadSpec();
  const routes = compileRoutes(spec);
  const operationIds = new Set(routes.map((r) => r.operation.operationId));
  const unimplemented = [...operationIds].filter((id) => !HANDLERS[id]);
  if (unimplemented.length > 0) throw new Error(`no handler for ${unimplemented.join(", ")}`);
  const auth: AuthConfig = { appId, appPublicKey: toPublicKey(opts.appPublicKey), pats: { ...opts.pats } };
  const state = new SimState(now);
  const tokens = new InstallationTokens();
  const requestIds = new RequestIds();
  const rateLimits = new RateLimits();
  const faults = new Map<string, PendingFault[]>();
  const calls: GitHubCall[] = [];
  const appCreatedAt = now();
  const wakeOnClose = new Set<() => void>();
  let appTokenPolicy: AppTokenPolicy = checkPolicy(opts.appTokensOnPackages ?? "allowed");
  let baseUrl = "";
  let closing: Promise<void> | undefined;

  function takeFault(operationId: string): GitHubFault | undefined {
    const queue = faults.get(operationId);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    if (--head.remaining <= 0) queue.shift();
    return head.fault;
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        wakeOnClose.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      wakeOnClose.add(wake);
    });
  }

  /** Everything after routing; returns the reply and the fault delay, if any. */
  function dispatch(
    match: RouteMatch,
    ctx: HandlerContext,
    handler: OperationHandler,
  ): { reply: Reply; delayMs: number } {
    const { operation } = match.route;
    const refused = authorize(handler, ctx, appTokenPolicy);
    if (refused) return { reply: refused, delayMs: 0 };
    const fault = takeFault(operation.operationId);
    if (fault && !fault.acts) return { reply: faultReply(fault, ctx.docsUrl), delayMs: fault.delayMs ?? 0 };
    const errors = validateParameters(operation, ctx.params, ctx.query);
    const reply =
      errors.length > 0 ? errorReply(422, "Validation Failed", ctx.docsUrl, { errors }) : handler.handle(ctx);
    // The operation's effect stands; only its answer is lost.
    return fault ? { reply: faultReply(fault, ctx.docsUrl), delayMs: fault.delayMs ?? 0 } : { reply, delayMs: 0 };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const at = now();
    const method = req.method ?? "GET";
    const { rawPath, query } = splitTarget(req.url ?? "/");
    const credential = authenticate(req.headers.authorization, auth, tokens, at);
    const match = matchRoute(routes, method, rawPath);
    const operation = match?.route.operation;
    const handler = operation && HANDLERS[operation.operationId];
    let reply: Reply = errorReply(404, "Not Found", GENERIC_DOCS_URL);
    let headers: Record<string, string> = {};
    if (match && operation && handler) {
      const docsUrl = operation.externalDocs?.url ?? GENERIC_DOCS_URL;
      const ctx: HandlerContext = {
        params: match.params,
        query,
        body,
        credential,
        now: at,
        baseUrl,
        rawPath,
        docsUrl,
        state,
        tokens,
        appId,
        appCreatedAt,
      };
      headers = scopeHeaders(handler, credential);
      const outcome = safely(() => dispatch(match, ctx, handler), docsUrl);
      reply = outcome.reply;
      if (outcome.delayMs > 0) await sleep(outcome.delayMs);
    }
    const requestId = requestIds.next(at);
    const authenticated = credential.kind === "jwt" || credential.kind === "installation" || credential.kind === "pat";
    Object.assign(
      headers,
      rateLimits.headers(rateLimitKey(credential, appId, req.socket.remoteAddress ?? ""), authenticated, at),
    );
    headers["x-github-request-id"] = requestId;
    calls.push({
      method,
      rawPath,
      operationId: operation?.operationId ?? null,
      params: match?.params ?? {},
      auth: credential.kind,
      query,
      status: reply.status,
      requestId,
    });
    sendReply(res, reply, headers, now());
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error("[github-simulator] request failed", err);
      if (!res.headersSent) sendReply(res, errorReply(500, "Server Error", GENERIC_DOCS_URL), {}, now());
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    calls,
    addOrg(login, orgOpts = {}) {
      if (!ORG_LOGIN.test(login)) throw new Error(`invalid org login: ${login}`);
      state.addOrg(login, orgOpts.installationId);
    },
    addPackage: (org, pkg) => state.addPackage(org, pkg),
    requireSso: (org, authorizedPats) => state.requireSso(org, authorizedPats),
    setPatScopes(pat, scopes) {
      auth.pats = { ...auth.pats, [pat]: [...scopes] };
    },
    setPatExpiry(pat, at) {
      const { [pat]: _previous, ...rest } = auth.patExpiries ?? {};
      auth.patExpiries = at === undefined ? rest : { ...rest, [pat]: new Date(at) };
    },
    revokePat(pat) {
      const { [pat]: _revoked, ...rest } = auth.pats;
      auth.pats = rest;
    },
    packages: (org) => state.packages(org),
    failNext(operationId, fault, times = 1) {
      if (!operationIds.has(operationId)) throw new Error(`unknown operationId: ${operationId}`);
      if (!Number.isInteger(times) || times < 1) throw new Error(`times must be a positive integer, got ${times}`);
      if (!(fault.status >= 400 && fault.status <= 599))
        throw new Error(`fault status must be 4xx or 5xx, got ${fault.status}`);
      const queue = faults.get(operationId) ?? [];
      queue.push({ fault: { ...fault }, remaining: times });
      faults.set(operationId, queue);
    },
    get appTokensOnPackages() {
      return appTokenPolicy;
    },
    set appTokensOnPackages(value: AppTokenPolicy) {
      appTokenPolicy = checkPolicy(value);
    },
    expireInstallationTokens: () => tokens.expireAll(),
    restoreCalls: () => calls.filter((c) => c.operationId !== null && RESTORE_OPERATIONS.has(c.operationId)),
    reset() {
      calls.length = 0;
      faults.clear();
    },
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        for (const wake of [...wakeOnClose]) wake();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function checkPolicy(value: AppTokenPolicy): AppTokenPolicy {
  if (!APP_TOKEN_POLICIES.includes(value)) throw new Error(`invalid appTokensOnPackages: ${String(value)}`);
  return value;
}

function faultReply(fault: GitHubFault, docsUrl: string): Reply {
  return errorReply(fault.status, fault.message, docsUrl, fault.headers ? { headers: fault.headers } : {});
}

/** Splits a request target into the raw path (not normalised, not decoded) and its query. */
function splitTarget(target: string): { rawPath: string; query: Record<string, string> } {
  const q = target.indexOf("?");
  if (q < 0) return { rawPath: target, query: {} };
  return { rawPath: target.slice(0, q), query: Object.fromEntries(new URLSearchParams(target.slice(q + 1))) };
}

/** A handler bug becomes GitHub's 500 rather than a dropped connection. */
function safely(run: () => { reply: Reply; delayMs: number }, docsUrl: string): { reply: Reply; delayMs: number } {
  try {
    return run();
  } catch (err) {
    console.error("[github-simulator] handler failed", err);
    return { reply: errorReply(500, "Server Error", docsUrl), delayMs: 0 };
  }
}
