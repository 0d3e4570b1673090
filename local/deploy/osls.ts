// Running osls from the npm scripts that deploy and check a stage.
import { spawn } from "node:child_process";
import type { PrintedService } from "./preflight.js";

const OSLS = new URL("../../node_modules/.bin/osls", import.meta.url).pathname;

/** Runs a command with the terminal attached; with `capture`, returns its standard output instead of showing it. */
export function run(command: string, commandArgs: string[], capture = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { stdio: ["inherit", capture ? "pipe" : "inherit", "inherit"] });
    let out = "";
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
    child.once("error", reject);
    child.once("close", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${command} ${commandArgs.join(" ")} exited with ${code}`)),
    );
  });
}

export function osls(oslsArgs: string[], capture = false): Promise<string> {
  return run(OSLS, oslsArgs, capture);
}

/** The flags that choose what is deployed (stage, region, params, profile), which `osls print` and `info` accept too. */
export function selectionFlags(all: string[]): string[] {
  const selected: string[] = [];
  for (let i = 0; i < all.length; i += 1) {
    const [flag, inline] = all[i]!.split("=", 2);
    if (!["--stage", "-s", "--region", "-r", "--param", "--aws-profile", "--config", "-c"].includes(flag!)) continue;
    selected.push(all[i]!);
    if (inline === undefined && all[i + 1] !== undefined) {
      i += 1;
      selected.push(all[i]!);
    }
  }
  return selected;
}

/** The configuration osls deploys for these flags, variables resolved (.env.<stage>, environment, flags). */
export async function printService(flags: string[]): Promise<PrintedService> {
  return JSON.parse(await osls(["print", "--format", "json", ...selectionFlags(flags)], true)) as PrintedService;
}
