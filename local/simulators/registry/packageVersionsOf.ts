/**
 * The GitHub package versions an image becomes on ghcr.io: one per manifest, named by its digest, with the tags
 * on the index only (children carry none, which is why "delete untagged versions" cleanups break multi-platform
 * tags). For a seed of the GitHub simulator; the registry simulator serves the same digests.
 */
import type { SimPackageVersion } from "../github/types.js";
import type { BuiltImage } from "./buildImageIndex.js";

export interface VersionOptions {
  /** The index's ID; children count up from it. */
  firstId: number;
  tags?: string[];
  /** Digests of versions to mark deleted, and when. */
  deleted?: { digests: string[]; at: Date };
}

export function packageVersionsOf(image: BuiltImage, options: VersionOptions): SimPackageVersion[] {
  const deleted = new Set(options.deleted?.digests ?? []);
  return [image.index, ...image.children].map((manifest, position) => ({
    id: options.firstId + position,
    name: manifest.digest,
    ...(position === 0 && options.tags ? { tags: [...options.tags] } : {}),
    ...(deleted.has(manifest.digest) && options.deleted ? { deletedAt: options.deleted.at } : {}),
  }));
}
