// Runs the project's build and `osls package` in a temporary directory, offline and without AWS
// credentials, as `npm run package` does, and returns what the framework wrote.
import { execFile } from "node:child_process";
import { copyFile, mkdtemp, readFile, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface PackagedService {
  dir: string;
  template: CloudFormationTemplate;
  /** Every text file osls wrote to .serverless/ (template, state), by name. */
  texts: Record<string, string>;
  /** The zips osls wrote, by name. */
  zips: Record<string, Buffer>;
}

export interface CloudFormationTemplate {
  Resources: Record<
    string,
    {
      Type: string;
      Properties?: Record<string, unknown>;
      Condition?: string;
      DeletionPolicy?: string;
      DependsOn?: unknown;
    }
  >;
  Conditions?: Record<string, unknown>;
  Outputs?: Record<string, { Value: unknown }>;
}

/** Builds the bundles into `dir`/dist with scripts/build.mjs. */
export async function buildInto(dir: string): Promise<void> {
  await run(process.execPath, [join(REPO_ROOT, "scripts/build.mjs"), "--outdir", join(dir, "dist")], {
    cwd: REPO_ROOT,
  });
}

/**
 * `osls package --stage <stage>` with only `env` (plus PATH) in the environment: no AWS
 * credentials, a HOME of its own, and no .env files but the copied serverless.yml's directory's.
 */
export async function packageService(stage: string, env: Record<string, string>): Promise<PackagedService> {
  const dir = await mkdtemp(join(tmpdir(), "package-restore-osls-"));
  await buildInto(dir);
  await copyFile(join(REPO_ROOT, "serverless.yml"), join(dir, "serverless.yml"));
  await run(join(REPO_ROOT, "node_modules/.bin/osls"), ["package", "--stage", stage], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? "", HOME: dir, ...env },
    timeout: 90_000,
  });
  const out = join(dir, ".serverless");
  const texts: Record<string, string> = {};
  const zips: Record<string, Buffer> = {};
  for (const name of await readdir(out)) {
    if (name.endsWith(".zip")) zips[name] = await readFile(join(out, name));
    else texts[name] = await readFile(join(out, name), "utf8");
  }
  return {
    dir,
    template: JSON.parse(texts["cloudformation-template-update-stack.json"]!) as CloudFormationTemplate,
    texts,
    zips,
  };
}

/** Entry names and CRC-32s from a zip's central directory. */
export function zipEntries(zip: Buffer): Map<string, number> {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error("not a zip file");
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries = new Map<string, number>();
  for (let i = 0; i < count; i += 1) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error("bad central directory");
    const crc = zip.readUInt32LE(at + 16);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    entries.set(zip.subarray(at + 46, at + 46 + nameLength).toString("utf8"), crc);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
