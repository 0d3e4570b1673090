import type { RegistryProbe } from "../ports/doctorProbes.js";
import { type CheckResult, failed, passed } from "./checkResult.js";

const CHECK = "Container registry";

/**
 * Whether the container registry answers and takes the GitHub credential: a manifest read of one of the org's
 * container packages (or a name that need not exist, when it has none). Getting as far as "no such manifest" proves
 * both; a refusal for a package GitHub just listed is a credential that may not pull.
 */
export async function checkRegistry(
  registry: RegistryProbe,
  org: string | undefined,
  packageName: string | undefined,
): Promise<CheckResult> {
  if (org === undefined)
    return failed(
      CHECK,
      "no org to check it with.",
      "Set RESTORE_ORGS (or install the App on an org), then run the doctor again.",
    );
  const reading = await registry.reach(org, packageName);
  switch (reading.kind) {
    case "answered":
      return passed(CHECK, reading.detail);
    case "not_configured":
      return failed(
        CHECK,
        reading.reason,
        "Set GITHUB_CONTAINER_REGISTRY_URL to the Container registry's root, such as https://containers.HOST.",
      );
    case "unavailable":
      return failed(
        CHECK,
        reading.reason,
        "Check GITHUB_CONTAINER_REGISTRY_URL and that the function can reach the registry.",
      );
    case "refused":
      if (reading.status === 401)
        return failed(
          CHECK,
          `the registry refuses the GitHub credential: ${reading.reason}`,
          "A PAT needs read:packages; an App needs the packages permission on the org; fix the credential and run the doctor again.",
        );
      return packageName === undefined
        ? failed(
            CHECK,
            `could not tell whether the credential may pull: the registry refused a name that may not exist (${reading.reason})`,
            `Keep at least one container package in ${org} so the doctor can try a real one, then run it again.`,
          )
        : failed(
            CHECK,
            `the registry refuses to let the credential pull ${org}/${packageName}: ${reading.reason}`,
            "Give the credential read access to the org's container packages (a PAT: read:packages and an owner of the org; an App: packages permission).",
          );
  }
}
