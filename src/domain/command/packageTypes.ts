/** The package types GitHub's package API accepts in `{package_type}`. */
export const PACKAGE_TYPES = ["npm", "maven", "rubygems", "nuget", "docker", "container"] as const;

export type PackageType = (typeof PACKAGE_TYPES)[number];

/**
 * Names people use that GitHub spells differently. Gradle packages live in the
 * Maven registry; images on ghcr.io are `container` (GitHub's `docker` type is
 * the old Docker registry).
 */
export const PACKAGE_TYPE_ALIASES: Readonly<Record<string, PackageType>> = {
  gradle: "maven",
  ghcr: "container",
};

export function isPackageType(value: string): value is PackageType {
  return (PACKAGE_TYPES as readonly string[]).includes(value);
}

/** Types whose package names may contain `/` (image paths such as `team/app`). */
export function allowsSlashInName(type: PackageType): boolean {
  return type === "container" || type === "docker";
}

/** Types whose versions carry tags (container images); others are known by version strings such as 1.4.2. */
export function hasTags(type: PackageType): boolean {
  return type === "container" || type === "docker";
}
