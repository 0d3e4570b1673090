/**
 * Debian's `docker-registry` (CNCF Distribution, the reference registry) on 127.0.0.1 for one test file: config
 * and storage in a temp dir, nothing configured that reaches out (no notifications, proxy, redis or reporting),
 * an environment without proxies or REGISTRY_* overrides. `stop()` kills the process by its id and waits for it.
 * Config reference: https://distribution.github.io/distribution/about/configuration/
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const REGISTRY_BINARY = "/usr/bin/docker-registry";

export interface RealRegistry {
  url: string;
  /** What the registry wrote to stderr, for a failing test's message. */
  log(): string;
  stop(): Promise<void>;
}

export interface TokenAuth {
  realm: string;
  service: string;
  issuer: string;
  rootCertBundle: string;
}

export function registryMissingReason(): string | undefined {
  if (existsSync(REGISTRY_BINARY)) return undefined;
  return `${REGISTRY_BINARY} is missing. Install Debian's CNCF Distribution with \`apt-get install docker-registry\` (.ci/run does so in CI).`;
}

export async function startRealRegistry(auth?: TokenAuth): Promise<RealRegistry> {
  const dir = mkdtempSync(join(tmpdir(), "package-restore-registry-"));
  const port = await freePort();
  const tokenSection = auth
    ? [
        "auth:",
        "  token:",
        `    realm: ${auth.realm}`,
        `    service: ${auth.service}`,
        `    issuer: ${auth.issuer}`,
        `    rootcertbundle: ${auth.rootCertBundle}`,
      ]
    : [];
  const config = [
    "version: 0.1",
    "log:",
    "  level: error",
    "  accesslog:",
    "    disabled: true",
    "storage:",
    "  filesystem:",
    `    rootdirectory: ${join(dir, "storage")}`,
    "  delete:",
    "    enabled: true",
    "  maintenance:",
    "    uploadpurging:",
    "      enabled: false",
    "http:",
    `  addr: 127.0.0.1:${port}`,
    "  secret: package-restore-test-not-a-secret",
    ...tokenSection,
  ].join("\n");
  writeFileSync(join(dir, "config.yml"), `${config}\n`);
  const child = spawn(REGISTRY_BINARY, ["serve", join(dir, "config.yml")], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dir },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = `${stderr}${chunk.toString()}`.slice(-4000)));
  // A test runner that dies mid-test must not leave the registry behind.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    process.removeListener("exit", killOnExit);
    await killAndWait(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilServing(url, child);
  } catch (error) {
    await stop();
    throw new Error(`docker-registry did not start: ${(error as Error).message}\n${stderr}`);
  }
  return { url, log: () => stderr, stop };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitUntilServing(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`it exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/v2/`, { signal: AbortSignal.timeout(1000) });
      if (response.status === 200 || response.status === 401) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("it did not answer /v2/ within 15 s");
}

async function killAndWait(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}
