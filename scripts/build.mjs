// Bundles each Lambda entry point on its own: `npm run build` → dist/<name>/index.mjs (+ source map).
// `--outdir DIR` writes DIR/<name>/index.mjs instead (the deploy tests build into a temporary directory).
import { build } from "esbuild";
import { mkdir, readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";

const entries = { http: "functions/http.ts", worker: "functions/worker.ts" };
const outdirFlag = process.argv.indexOf("--outdir");
const outdir = outdirFlag >= 0 ? process.argv[outdirFlag + 1] : "dist";
if (!outdir) throw new Error("--outdir needs a directory");

// The bundles target the Node of the Lambda runtime serverless.yml deploys them on, so the two can't drift apart.
const runtime = /^ {2}runtime: nodejs(\d+)\.x$/m.exec(
  await readFile(new URL("../serverless.yml", import.meta.url), "utf8"),
);
if (!runtime) throw new Error("serverless.yml's provider.runtime is not a nodejsNN.x runtime");
const target = `node${runtime[1]}`;

/**
 * Bolt's index and App load every receiver it ships (Express with body-parser and iconv-lite, Socket Mode with
 * undici and ws, the HTTP receiver with @slack/oauth) as soon as it is imported, though they are only built when
 * an App gets no receiver. The worker always passes its own (src/worker/createHandOffReceiver.ts), so in its
 * bundle they are stand-ins that throw if anything ever builds one: about 1.3 MB less to load on every cold start
 * (docs/speed.md, "The card").
 */
const UNUSED_IN_WORKER =
  /^(\.\/(receivers\/)?(ExpressReceiver|HTTPReceiver|SocketModeReceiver)|@slack\/oauth|raw-body)$/;
const leaveOutUnusedBoltParts = {
  name: "leave-out-unused-bolt-parts",
  setup(build) {
    build.onResolve({ filter: UNUSED_IN_WORKER }, (args) =>
      /node_modules\/@slack\/bolt\//.test(args.importer) ? { path: args.path, namespace: "not-bundled" } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "not-bundled" }, (args) => ({
      loader: "js",
      contents: `const message = ${JSON.stringify(`${args.path} is not in the worker bundle: the worker passes Bolt its own receiver (scripts/build.mjs)`)};
function NotBundled() { throw new Error(message); }
module.exports = new Proxy({ __esModule: true, default: NotBundled }, { get: (stub, key) => (key in stub ? stub[key] : NotBundled) });`,
    }));
  },
};

await rm(outdir, { recursive: true, force: true });
for (const [name, entry] of Object.entries(entries)) {
  const outfile = join(outdir, name, "index.mjs");
  await mkdir(join(outdir, name), { recursive: true });
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    target,
    format: "esm",
    minify: true,
    // Stack traces map to the TypeScript files through the map (serverless.yml sets --enable-source-maps; Node 24
    // reads a map only when a stack trace is first formatted, so start-up doesn't pay: docs/speed.md). Frames need
    // positions, not the sources' text, which made the worker's map 8.1 MB instead of 2.8 and its first mapped
    // stack trace about twice as slow.
    sourcemap: true,
    sourcesContent: false,
    // Our error classes name themselves after their class (`new.target.name`): keep class and function names so
    // the HTTP function logs ConfigError, not a minified letter. Measured free for its bundle (23 KiB then, 30 KiB now); the worker would pay
    // about 4% more import time for it (measured on its 2.6 MB bundle), which the card's cold start can't spare.
    keepNames: name === "http",
    legalComments: "none",
    // Some of the worker's CommonJS dependencies call require(); give its ESM bundle one. The HTTP function needs
    // none, and loading node:module's createRequire would cost its cold start about 1 ms.
    ...(name === "worker"
      ? {
          banner: {
            js: "import { createRequire as __pr_createRequire } from 'node:module'; const require = __pr_createRequire(import.meta.url);",
          },
        }
      : {}),
    // ES modules first where a package ships both (the AWS SDK does): esbuild drops what isn't used from those, not
    // from CommonJS. The worker's bundle 941 → 741 KiB, its import about 30 ms shorter (docs/speed.md, "The card").
    mainFields: ["module", "main"],
    plugins: name === "worker" ? [leaveOutUnusedBoltParts] : [],
    logLevel: "warning",
  });
  const { size } = await stat(outfile);
  console.log(`${outfile}  ${(size / 1024).toFixed(1)} KiB`);
}
