import { PackageRestoreError } from "../errors.js";

/**
 * A repository name or manifest reference that the OCI Distribution API can't carry: a caller's bug (names are
 * lower-cased and checked before they get here), so it is thrown rather than answered. Names and references are
 * not secret; the message quotes them so the bug can be found.
 */
export class RegistryReferenceError extends PackageRestoreError {
  constructor(
    readonly part: "name" | "reference" | "digest",
    value: string,
  ) {
    super(`Not a valid registry ${part}: ${JSON.stringify(value.slice(0, 300))}.`);
  }
}
