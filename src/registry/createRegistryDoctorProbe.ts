import type { RegistryConfig } from "../config/loadRegistryConfig.js";
import type { RegistryProbe } from "../domain/ports/doctorProbes.js";
import type { ImageRegistry } from "../domain/ports/imageRegistry.js";

/** The name tried when the org lists no container package: it need not exist; getting an answer is the point. */
export const DOCTOR_PROBE_PACKAGE = "package-restore-doctor";

/**
 * Reads one manifest (`<org>/<package>:latest`) through the worker's own registry reader, with the GitHub credential
 * restores and repairs use. Any answer past the token exchange, "no such manifest" included, shows the registry
 * answers and takes the credential. `config` is the registry's configuration, or why it has none.
 */
export function createRegistryDoctorProbe(
  config: RegistryConfig | { problem: string },
  registry: ImageRegistry,
): RegistryProbe {
  return {
    async reach(org, packageName) {
      if ("problem" in config) return { kind: "not_configured", reason: config.problem };
      const name = `${org}/${packageName ?? DOCTOR_PROBE_PACKAGE}`.toLowerCase();
      let answer: Awaited<ReturnType<ImageRegistry["readManifest"]>>;
      try {
        answer = await registry.readManifest(name, "latest");
      } catch (error) {
        return { kind: "unavailable", reason: `${name} could not be asked for (${(error as Error).name}).` };
      }
      switch (answer.kind) {
        case "index":
        case "image":
          return {
            kind: "answered",
            detail: `${config.registryUrl} served ${name}:latest with the GitHub credential.`,
          };
        case "invalid":
          return { kind: "answered", detail: `${config.registryUrl} takes the GitHub credential (${answer.reason})` };
        case "unknown_manifest":
          return {
            kind: "answered",
            detail: `${config.registryUrl} takes the GitHub credential (asked for ${name}:latest; it has no such tag).`,
          };
        case "refused":
          return { kind: "refused", status: answer.status, reason: answer.reason };
        case "unavailable":
          return { kind: "unavailable", reason: answer.reason };
      }
    },
  };
}
