/**
 * A token service for a real CNCF Distribution with `auth: token`: it checks Basic credentials and issues the
 * JWTs Distribution verifies (https://distribution.github.io/distribution/spec/auth/jwt/): ES256, the signing
 * certificate in `x5c`, chained to the `rootcertbundle` (here the certificate itself, made by openssl because Node
 * can't make certificates). `grant` decides which actions a credential gets.
 */
import { execFileSync } from "node:child_process";
import { createPrivateKey, randomUUID, sign, X509Certificate } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const OPENSSL = "/usr/bin/openssl";
export const ISSUER = "package-restore-test-issuer";
export const SERVICE = "package-restore-test-registry";

export interface TokenIssuer {
  realm: string;
  certPath: string;
  /** Query strings of the token requests received, and whether they had Basic credentials. */
  requests: Array<{ service: string | null; scope: string[]; basic: boolean }>;
  mint(name: string, actions: string[]): string;
  close(): Promise<void>;
}

export async function startTokenIssuer(grant: (password: string, name: string) => string[]): Promise<TokenIssuer> {
  const dir = mkdtempSync(join(tmpdir(), "package-restore-token-"));
  const keyPath = join(dir, "key.pem");
  const certPath = join(dir, "cert.pem");
  execFileSync(
    OPENSSL,
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-subj",
      "/CN=package-restore-test",
      "-days",
      "1",
      "-keyout",
      keyPath,
      "-out",
      certPath,
    ],
    { stdio: "ignore" },
  );
  const key = createPrivateKey(readFileSync(keyPath));
  const x5c = [new X509Certificate(readFileSync(certPath)).raw.toString("base64")];
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const mint = (name: string, actions: string[]) => {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: ISSUER,
      sub: "robin",
      aud: SERVICE,
      exp: now + 300,
      nbf: now - 10,
      iat: now,
      jti: randomUUID(),
      access: actions.length ? [{ type: "repository", name, actions }] : [],
    };
    const input = `${b64({ typ: "JWT", alg: "ES256", x5c })}.${b64(claims)}`;
    return `${input}.${sign("sha256", Buffer.from(input), { key, dsaEncoding: "ieee-p1363" }).toString("base64url")}`;
  };
  const requests: TokenIssuer["requests"] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const query = new URL(req.url ?? "/", "http://issuer.invalid").searchParams;
    const encoded = /^Basic (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    const password = encoded ? Buffer.from(encoded, "base64").toString().split(":").slice(1).join(":") : undefined;
    requests.push({ service: query.get("service"), scope: query.getAll("scope"), basic: password !== undefined });
    const name = /^repository:([^:]+):/.exec(query.get("scope") ?? "")?.[1];
    if (password === undefined || name === undefined) {
      res
        .writeHead(401, { "content-type": "application/json" })
        .end(JSON.stringify({ errors: [{ code: "UNAUTHORIZED", message: "authentication required" }] }));
      return;
    }
    res
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ token: mint(name, grant(password, name)), expires_in: 300 }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    realm: `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`,
    certPath,
    requests,
    mint,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function opensslMissingReason(): string | undefined {
  return existsSync(OPENSSL)
    ? undefined
    : `${OPENSSL} is missing; it makes the certificate the registry's token auth needs (\`apt-get install openssl\`).`;
}
