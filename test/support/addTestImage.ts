import { buildImageIndex, type BuiltImage } from "../../local/simulators/registry/buildImageIndex.js";
import { packageVersionsOf } from "../../local/simulators/registry/packageVersionsOf.js";
import type { SimPackageVersion } from "../../local/simulators/github/types.js";
import type { TestStack } from "./startTestStack.js";

const DAY_MS = 86_400_000;
let ids = 20_000;

export interface TestImageOptions {
  /** Which children GitHub shows deleted, by position (platforms first, then attestations), and how long ago. */
  deleted?: { children: number[]; daysAgo: number };
  /** The tagged index itself deleted too. */
  indexDeleted?: boolean;
  tag?: string;
}

export interface TestImage {
  name: string;
  tag: string;
  image: BuiltImage;
  /** The index's version ID; its children's count up from it. */
  firstId: number;
  versions: SimPackageVersion[];
}

/**
 * A multi-platform image (linux/amd64 and linux/arm64/v8, each with an attestation) pushed to the stack's registry
 * simulator under `acme/<name>`, and its versions as GitHub lists them. `addPackage: false` leaves the GitHub
 * package to the caller, to put several images in one.
 */
export function addTestImage(
  stack: TestStack,
  name: string,
  options: TestImageOptions & { addPackage?: boolean } = {},
): TestImage {
  if (stack.registry === undefined) throw new Error("The test stack has no registry simulator.");
  const tag = options.tag ?? "1.0";
  const image = buildImageIndex({ seed: `${name}:${tag}` });
  stack.registry.pushImage(`acme/${name}`, image, [tag]);
  const at = new Date(Date.now() - (options.deleted?.daysAgo ?? 2) * DAY_MS);
  const digests = (options.deleted?.children ?? []).map((position) => image.children[position]?.digest ?? "");
  ids += 10;
  const firstId = ids;
  const versions = packageVersionsOf(image, {
    firstId,
    tags: [tag],
    deleted: { digests: options.indexDeleted ? [image.index.digest, ...digests] : digests, at },
  });
  if (options.addPackage !== false) stack.github.addPackage("acme", { type: "container", name, versions });
  return { name, tag, image, firstId, versions };
}
