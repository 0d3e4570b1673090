/**
 * A container registry simulator (plays ghcr.io): a real HTTP server on 127.0.0.1 speaking the read side of the
 * OCI Distribution API (https://github.com/opencontainers/distribution-spec/blob/main/spec.md) with the token
 * auth of https://distribution.github.io/distribution/spec/auth/token/: GET /v2/, GET /token, GET and HEAD
 * /v2/<name>/manifests/<tag or digest>. It shares GitHub's state through `isDeleted` (see deletionsFromGitHub.ts).
 *
 * Where the spec leaves a choice, it answers as CNCF Distribution 2.8.2 (Debian's docker-registry) was seen to
 * answer in test/registry/realRegistry.test.ts, which holds the two side by side:
 * - every error body ends in a newline (GET /v2/'s `{}` doesn't) and is `application/json; charset=utf-8`; every answer carries
 *   `Docker-Distribution-Api-Version: registry/2.0`; a 200 carries `Etag: "<digest>"` as well as the digest header;
 * - an unknown manifest is MANIFEST_UNKNOWN with detail `{"Tag"}` by tag and `{"Name","Revision"}` by digest, also
 *   for a repository never pushed (not NAME_UNKNOWN); a HEAD's 404 has the headers of the GET's body but no body;
 * - a manifest whose type the Accept header leaves out is 404 MANIFEST_UNKNOWN ("OCI index found, but accept
 *   header does not support OCI indexes"), not 406 and not another type. Distribution rewrites a Docker manifest
 *   list asked for by tag into one platform's manifest instead; this simulator answers 404 for Docker types too;
 * - a path its router doesn't take (an upper-case name, a malformed reference) is a plain-text "404 page not
 *   found" (Distribution answers a malformed digest such as `sha256:abc` with 500 UNKNOWN; the client never sends one);
 * - the challenge names the scope only on repository routes and adds `error="invalid_token"` after a bad token,
 *   `error="insufficient_scope"` after a token for another repository; the UNAUTHORIZED body's detail lists the
 *   access asked for (null on /v2/);
 * - an index survives the deletion of its children (still 200), which is the breakage issue 15 repairs.
 * Distribution also refuses to store an index whose children it doesn't hold (400 MANIFEST_BLOB_UNKNOWN); this
 * simulator is seeded directly and doesn't check.
 * ghcr.io's own answers to refused credentials aren't documented; "denied: denied" reports suggest 403 DENIED.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { BuiltImage } from "./buildImageIndex.js";
import {
  API_VERSION_HEADERS,
  apiRoot,
  challenge,
  denied,
  errorReply,
  faultReply,
  manifestUnknown,
  noRoute,
  notAccepted,
  type Reply,
} from "./registryReplies.js";
import { RegistryState } from "./registryState.js";
import { RegistryTokens } from "./registryTokens.js";
import type { RegistryCall, RegistryFault, RegistryRoute, RegistrySimulatorOptions, StoredManifest } from "./types.js";

export type { RegistryCall, RegistryFault, RegistryRoute, RegistrySimulatorOptions, StoredManifest } from "./types.js";

export interface RegistrySimulator {
  /** Root URL, e.g. http://127.0.0.1:54321 (plays https://ghcr.io). */
  url: string;
  /** The `service` of its challenges and token requests. */
  service: string;
  calls: RegistryCall[];
  /** Stores a manifest's exact bytes under `name` (`<org>/<package name>`) and returns its digest. */
  putManifest(name: string, manifest: StoredManifest, tags?: readonly string[]): string;
  /** Stores an image's children, then its index, tagged. */
  pushImage(name: string, image: BuiltImage, tags?: readonly string[]): void;
  /** Deletes on the registry's side (GitHub deletions come through `isDeleted`). */
  removeManifest(name: string, digest: string): boolean;
  /** The next `times` requests to `route` meet `fault`. */
  failNext(route: RegistryRoute, fault: RegistryFault, times?: number): void;
  refuseInstallationTokens: boolean;
  /** Every registry token issued so far stops working (401 invalid_token). */
  expireTokens(): void;
  /** Clears calls and faults; keeps manifests and tokens. */
  reset(): void;
  close(): Promise<void>;
}

const NAME = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/;
const REFERENCE = /^(?:[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}|sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;
const MANIFEST_PATH = /^\/v2\/(.+)\/manifests\/([^/]+)$/;

export async function startRegistrySimulator(options: RegistrySimulatorOptions = {}): Promise<RegistrySimulator> {
  const now = options.now ?? (() => new Date());
  const isDeleted = options.isDeleted ?? (() => false);
  const requireAuth = options.requireAuth ?? true;
  const state = new RegistryState();
  const faults = new Map<RegistryRoute, Array<{ fault: RegistryFault; remaining: number }>>();
  const calls: RegistryCall[] = [];
  let refuseInstallationTokens = options.refuseInstallationTokens ?? false;
  let url = "";
  let service = "";
  const tokens = new RegistryTokens({
    service: () => service,
    knownCredential: options.knownCredential ?? (() => true),
    mayPull: options.mayPull ?? (() => true),
    refuseInstallationTokens: () => refuseInstallationTokens,
    lifetimeSeconds: options.tokenLifetimeSeconds ?? 300,
    tokenField: options.tokenField ?? "token",
    now,
  });

  function takeFault(route: RegistryRoute): RegistryFault | undefined {
    const head = faults.get(route)?.[0];
    if (head && --head.remaining <= 0) faults.get(route)?.shift();
    return head?.fault;
  }

  /** Authorisation for a registry route; undefined lets the request through. */
  function refuse(authorization: string | undefined, name: string | undefined): Reply | undefined {
    if (!requireAuth) return undefined;
    const realm = `${url}/token`;
    if (!/^Bearer /i.test(authorization ?? "")) return challenge(realm, service, name);
    const { live, grant } = tokens.check(authorization, name);
    if (!live) return challenge(realm, service, name, "invalid_token");
    if (name === undefined || grant === "pull") return undefined;
    return grant === "denied" ? denied() : challenge(realm, service, name, "insufficient_scope");
  }

  function manifestReply(req: IncomingMessage, name: string, reference: string): Reply {
    const found = state.resolve(name, reference);
    const [org = "", ...rest] = name.split("/");
    if (!found || isDeleted(org, rest.join("/"), found.digest)) return manifestUnknown(name, reference);
    if (!accepts(req.headers.accept, found.manifest.mediaType)) return notAccepted(found.manifest.mediaType);
    const headers = {
      "content-type": found.manifest.mediaType,
      "docker-content-digest": found.digest,
      etag: `"${found.digest}"`,
    };
    return { status: 200, headers, body: found.manifest.bytes };
  }

  function route(req: IncomingMessage): { route: RegistryRoute | null; reply: () => Reply } {
    const target = new URL(req.url ?? "/", "http://registry.invalid");
    const method = req.method ?? "GET";
    if (target.pathname === "/token" && method === "GET")
      return { route: "token", reply: () => tokens.answer(req.headers.authorization, target.searchParams) };
    if (target.pathname === "/v2/" || target.pathname === "/v2") {
      return { route: "base", reply: () => refuse(req.headers.authorization, undefined) ?? apiRoot() };
    }
    const [, name = "", reference = ""] = MANIFEST_PATH.exec(target.pathname) ?? [];
    if (name.length >= 256 || !NAME.test(name) || !REFERENCE.test(reference)) return { route: null, reply: noRoute };
    return {
      route: "manifests",
      reply: () =>
        method !== "GET" && method !== "HEAD"
          ? errorReply(405, "UNSUPPORTED", "The operation is unsupported.")
          : (refuse(req.headers.authorization, name) ?? manifestReply(req, name, reference)),
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const routed = route(req);
    const fault = routed.route ? takeFault(routed.route) : undefined;
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    const call = {
      method: req.method ?? "GET",
      route: routed.route,
      target: req.url ?? "/",
      auth: authKind(req.headers.authorization),
    };
    if (fault?.drop) {
      calls.push({ ...call, status: 0 });
      req.socket.destroy();
      return;
    }
    const reply = fault?.status ? faultReply(fault.status) : routed.reply();
    calls.push({ ...call, status: reply.status });
    // Content-Length on a HEAD is the GET's, with no body: Node sends no body for HEAD.
    res.writeHead(reply.status, {
      ...API_VERSION_HEADERS,
      ...reply.headers,
      "content-length": String(reply.body.length),
    });
    res.end(req.method === "HEAD" ? undefined : reply.body);
  }

  const server = createServer((req, res) => {
    req.resume();
    handle(req, res).catch((error: unknown) => {
      console.error("[registry-simulator] request failed", error);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  url = `http://127.0.0.1:${port}`;
  service = `127.0.0.1:${port}`;
  let closing: Promise<void> | undefined;

  return {
    url,
    service,
    calls,
    putManifest: (name, manifest, tags) => state.put(name, manifest, tags),
    pushImage(name, image, tags = []) {
      for (const child of image.children) state.put(name, child);
      state.put(name, image.index, tags);
    },
    removeManifest: (name, digest) => state.remove(name, digest),
    failNext(route, fault, times = 1) {
      if (!Number.isInteger(times) || times < 1) throw new Error(`times must be a positive integer, got ${times}`);
      faults.set(route, [...(faults.get(route) ?? []), { fault: { ...fault }, remaining: times }]);
    },
    get refuseInstallationTokens() {
      return refuseInstallationTokens;
    },
    set refuseInstallationTokens(value: boolean) {
      refuseInstallationTokens = value;
    },
    expireTokens: () => tokens.expireAll(),
    reset() {
      calls.length = 0;
      faults.clear();
    },
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function accepts(header: string | undefined, mediaType: string): boolean {
  return (header ?? "").split(",").some((entry) => entry.split(";")[0]?.trim() === mediaType);
}

function authKind(header: string | undefined): RegistryCall["auth"] {
  if (header === undefined || header === "") return "none";
  if (/^Basic /i.test(header)) return "basic";
  if (/^Bearer /i.test(header)) return "bearer";
  return "other";
}
