/**
 * Container images for `npm start`, the playground and the integration tests, in the GitHub simulator's org `acme`
 * and on the registry simulator, sharing digests (a child deleted on GitHub answers MANIFEST_UNKNOWN):
 * - `ci/runner`: tag `1.4` broken, its linux/amd64 and linux/arm64 manifests and both attestations deleted 3 days
 *   ago by an "untagged" cleanup; tag `1.3` healthy;
 * - `ci/cache`: tag `2.0` broken, its linux/arm64 manifest deleted 40 days ago, past GitHub's 30 days;
 * - `ci/proxy`: tag `1.0` healthy;
 * - `ci/lint`: tag `3.1` a single-platform image.
 */
import type { GitHubSimulator } from "../github/startGitHubSimulator.js";
import { EXAMPLE_ORG } from "../github/seed.js";
import { buildImageIndex, type BuiltImage } from "./buildImageIndex.js";
import { packageVersionsOf } from "./packageVersionsOf.js";
import type { RegistrySimulator } from "./startRegistrySimulator.js";

const DAY_MS = 86_400_000;

export const EXAMPLE_IMAGES = {
  broken: { name: "ci/runner", tag: "1.4", healthyTag: "1.3" },
  tooOld: { name: "ci/cache", tag: "2.0" },
  healthy: { name: "ci/proxy", tag: "1.0" },
  single: { name: "ci/lint", tag: "3.1" },
} as const;

export function seedExampleImages(
  github: Pick<GitHubSimulator, "addPackage">,
  registry: Pick<RegistrySimulator, "pushImage">,
  now: Date = new Date(),
): void {
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const push = (name: string, image: BuiltImage, tag: string) =>
    registry.pushImage(`${EXAMPLE_ORG}/${name}`, image, [tag]);
  const { broken, tooOld, healthy, single } = EXAMPLE_IMAGES;

  const runner = buildImageIndex({ seed: "runner 1.4" });
  const runnerOld = buildImageIndex({ seed: "runner 1.3" });
  push(broken.name, runner, broken.tag);
  push(broken.name, runnerOld, broken.healthyTag);
  github.addPackage(EXAMPLE_ORG, {
    type: "container",
    name: broken.name,
    versions: [
      ...packageVersionsOf(runner, {
        firstId: 8110,
        tags: [broken.tag],
        deleted: { digests: runner.children.map((child) => child.digest), at: ago(3) },
      }),
      ...packageVersionsOf(runnerOld, { firstId: 8100, tags: [broken.healthyTag] }),
    ],
  });

  const cache = buildImageIndex({ seed: "cache 2.0" });
  const arm64 = cache.children.find((child) => child.platform.architecture === "arm64");
  push(tooOld.name, cache, tooOld.tag);
  github.addPackage(EXAMPLE_ORG, {
    type: "container",
    name: tooOld.name,
    versions: packageVersionsOf(cache, {
      firstId: 8200,
      tags: [tooOld.tag],
      deleted: { digests: arm64 ? [arm64.digest] : [], at: ago(40) },
    }),
  });

  const proxy = buildImageIndex({ seed: "proxy 1.0" });
  push(healthy.name, proxy, healthy.tag);
  github.addPackage(EXAMPLE_ORG, {
    type: "container",
    name: healthy.name,
    versions: packageVersionsOf(proxy, { firstId: 8300, tags: [healthy.tag] }),
  });

  // A single-platform image is its own manifest: the tag points at it, no index.
  const lint = buildImageIndex({
    seed: "lint 3.1",
    platforms: [{ os: "linux", architecture: "amd64" }],
    attestations: false,
  });
  const [lintImage] = lint.children;
  if (lintImage === undefined) throw new Error("buildImageIndex built no platform manifest.");
  registry.pushImage(`${EXAMPLE_ORG}/${single.name}`, { ...lint, index: lintImage, children: [] }, [single.tag]);
  github.addPackage(EXAMPLE_ORG, {
    type: "container",
    name: single.name,
    versions: [{ id: 8400, name: lintImage.digest, tags: [single.tag] }],
  });
}
