import type { RegistryConfig } from "../config/loadRegistryConfig.js";
import type { RegistryProbe } from "../domain/ports/doctorProbes.js";
import { loadRegistryClient } from "./loadRegistryClient.js";
import type { RegistryCredential } from "./registryClient.js";

/** The name tried when the org lists no container package: it need not exist; getting an answer is the point. */
export const DOCTOR_PROBE_PACKAGE = "package-restore-doctor";

/**
 * Reads one manifest (`<org>/<package>:latest`) from the container registry with the GitHub credential. Any answer
 * past the token exchange, "no such manifest" included, shows the registry answers and takes the credential.
 * `registry` is the configuration, or the reason it could not be read.
 */
export function createRegistryDoctorProbe(
  registry: RegistryConfig | { problem: string },
  credential: RegistryCredential,
): RegistryProbe {
  return {
    async reach(org, packageName) {
      if ("problem" in registry) return { kind: "not_configured", reason: registry.problem };
      const client = await loadRegistryClient({
        registryUrl: registry.registryUrl,
        credential,
        retries: 1,
        timeoutMs: 5000,
      });
      const name = `${org}/${packageName ?? DOCTOR_PROBE_PACKAGE}`.toLowerCase();
      let answer: Awaited<ReturnType<typeof client.readManifest>>;
      try {
        answer = await client.readManifest(name, "latest");
      } catch (error) {
        return { kind: "unavailable", reason: `${name} could not be asked for (${(error as Error).name}).` };
      }
      switch (answer.kind) {
        case "index":
        case "image":
          return {
            kind: "answered",
            detail: `${registry.registryUrl} served ${name}:latest with the GitHub credential.`,
          };
        case "invalid":
          return { kind: "answered", detail: `${registry.registryUrl} takes the GitHub credential (${answer.reason})` };
        case "unknown_manifest":
          return {
            kind: "answered",
            detail: `${registry.registryUrl} takes the GitHub credential (asked for ${name}:latest; it has no such tag).`,
          };
        case "refused":
          return { kind: "refused", status: answer.status, reason: answer.reason };
        case "unavailable":
          return { kind: "unavailable", reason: answer.reason };
      }
    },
  };
}
