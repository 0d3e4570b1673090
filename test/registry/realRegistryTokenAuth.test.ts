/**
 * The client's token exchange against CNCF Distribution with `auth: token`, the scheme ghcr.io uses, behind a test
 * token service; and the simulator's challenges held to the real ones. Skipped, saying why, without
 * /usr/bin/docker-registry or /usr/bin/openssl.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRegistryClient } from "../../src/registry/createRegistryClient.js";
import { buildImageIndex } from "../../local/simulators/registry/buildImageIndex.js";
import {
  startRegistrySimulator,
  type RegistrySimulator,
} from "../../local/simulators/registry/startRegistrySimulator.js";
import { pushImage } from "./pushImage.js";
import { registryMissingReason, startRealRegistry, type RealRegistry } from "./startRealRegistry.js";
import { ISSUER, opensslMissingReason, SERVICE, startTokenIssuer, type TokenIssuer } from "./startTokenIssuer.js";

const NAME = "acme/team/app";
const PAT = "ghp_readerOfPackages";
const NO_ACCESS = "ghp_withoutReadPackages";
const image = buildImageIndex();
const missing = registryMissingReason() ?? opensslMissingReason();
if (missing) console.warn(`Skipping the real registry token-auth tests: ${missing}`);

let issuer: TokenIssuer | undefined;
let registry: RealRegistry | undefined;
let sim: RegistrySimulator | undefined;

beforeAll(async () => {
  if (missing) return;
  issuer = await startTokenIssuer((password) => (password === PAT ? ["pull"] : []));
  registry = await startRealRegistry({
    realm: issuer.realm,
    service: SERVICE,
    issuer: ISSUER,
    rootCertBundle: issuer.certPath,
  });
  await pushImage(registry.url, NAME, image, "v1", `Bearer ${issuer.mint(NAME, ["pull", "push"])}`);
  issuer.requests.length = 0;
  sim = await startRegistrySimulator();
}, 30_000);

afterAll(async () => {
  await registry?.stop();
  await issuer?.close();
  await sim?.close();
});

const client = (token: string) =>
  createRegistryClient({ registryUrl: registry?.url ?? "", credential: { username: "robin", token }, retries: 0 });

describe.skipIf(Boolean(missing))("the token exchange against CNCF Distribution", () => {
  it("answers the real challenge, gets a token with the PAT as Basic password, reads, and reuses the token", async () => {
    const reader = client(PAT);
    expect(await reader.readManifest(NAME, "v1")).toMatchObject({ kind: "index", digest: image.index.digest });
    expect(await reader.manifestExists(NAME, image.children[0]?.digest ?? "")).toMatchObject({ kind: "exists" });
    expect(issuer?.requests).toEqual([{ service: SERVICE, scope: [`repository:${NAME}:pull`], basic: true }]);
  });

  it("answers refused 401 when the registry turns down a token without access: Distribution says insufficient_scope, not DENIED", async () => {
    const answer = await client(NO_ACCESS).readManifest(NAME, "v1");
    expect(answer).toEqual({
      kind: "refused",
      status: 401,
      code: "UNAUTHORIZED",
      reason: `The registry at ${registry?.url} answered 401 (UNAUTHORIZED: authentication required).`,
    });
  });

  it("is challenged by the simulator in the same words as by Distribution, realm and service aside", async () => {
    const challenges = async (base: string | undefined) => {
      const answers = [
        await fetch(`${base}/v2/`),
        await fetch(`${base}/v2/${NAME}/manifests/v1`),
        await fetch(`${base}/v2/${NAME}/manifests/v1`, { headers: { authorization: "Bearer not.a.token" } }),
      ];
      return Promise.all(
        answers.map(async (response) => ({
          status: response.status,
          challenge: response.headers
            .get("www-authenticate")
            ?.replace(/realm="[^"]*",service="[^"]*"/, 'realm="R",service="S"'),
          body: await response.text(),
        })),
      );
    };
    expect(await challenges(sim?.url)).toEqual(await challenges(registry?.url));
  });
});
