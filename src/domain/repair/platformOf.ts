import type { IndexChild } from "../ports/imageRegistry.js";

/** A child's platform as Docker prints it (linux/arm64/v8); an attestation takes the platform of what it describes. */
export function platformOf(child: IndexChild, siblings: readonly IndexChild[]): string {
  const described =
    child.attestationFor === undefined
      ? child
      : (siblings.find((sibling) => sibling.digest === child.attestationFor) ?? child);
  const platform = described.platform;
  if (platform === undefined || platform.os === "unknown") return "unknown platform";
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join("/");
}
