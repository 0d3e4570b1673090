// The page's script, bundled from TypeScript with esbuild on first request and kept.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const pageDir = new URL("./page/", import.meta.url);
let script: Promise<string> | undefined;

export function pageScript(): Promise<string> {
  script ??= build({
    entryPoints: [fileURLToPath(new URL("main.ts", pageDir))],
    bundle: true,
    write: false,
    format: "iife",
    target: "es2022",
    logLevel: "silent",
  }).then((result) => result.outputFiles[0]?.text ?? "");
  // A failed build (say, a typo while editing) is tried again on the next request.
  script.catch(() => (script = undefined));
  return script;
}

export function pageFile(name: "index.html" | "playground.css"): Promise<string> {
  return readFile(new URL(name, pageDir), "utf8");
}
