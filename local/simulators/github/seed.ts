/** A demo org for `npm start` and integration tests: one package for every restore outcome. */
import { createHash } from "node:crypto";
import type { GitHubSimulator, SimPackageVersion } from "./types.js";

export const EXAMPLE_ORG = "acme";
export const EXAMPLE_INSTALLATION_ID = 4242;

const DAY_MS = 24 * 60 * 60 * 1000;

/** A container image digest, stable for a given label. */
const digest = (label: string) => `sha256:${createHash("sha256").update(label).digest("hex")}`;

/**
 * Adds org `acme` (App installation 4242) with:
 * - container `team/app`, deleted 2 days ago: restorable (name sent as `team%2Fapp`);
 * - npm `left-pad`, deleted 5 days ago: restorable;
 * - npm `web-ui`, active, with live and deleted versions;
 * - container `web/api`, active, with tagged live and deleted versions;
 * - container `old/tool`, deleted 45 days ago: past GitHub's 30-day window (404);
 * - npm `reused`, deleted, while an active `reused` holds the name (409);
 * - two deleted maven `com.acme.lib` with package tokens `lib-2024` and `lib-2025`
 *   (409 without a token; `?token=` picks one).
 * `now` should be the simulator's clock when it was given one.
 */
export function seedExampleOrg(sim: GitHubSimulator, now: Date = new Date()): void {
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const org = EXAMPLE_ORG;
  sim.addOrg(org, { installationId: EXAMPLE_INSTALLATION_ID });

  sim.addPackage(org, {
    type: "container",
    name: "team/app",
    deletedAt: ago(2),
    versions: [
      { id: 7101, name: digest("team/app 1.4.0"), tags: ["1.4.0", "latest"] },
      { id: 7100, name: digest("team/app 1.3.2"), tags: ["1.3.2"] },
    ],
  });
  sim.addPackage(org, {
    type: "npm",
    name: "left-pad",
    deletedAt: ago(5),
    versions: [npm(7201, "1.3.0"), npm(7200, "1.2.0")],
  });
  sim.addPackage(org, {
    type: "npm",
    name: "web-ui",
    versions: [
      npm(7305, "2.1.0"),
      npm(7304, "2.0.1"),
      npm(7303, "2.0.0", ago(1)),
      npm(7302, "1.9.0", ago(3)),
      npm(7301, "1.0.0", ago(40)),
    ],
  });
  sim.addPackage(org, {
    type: "container",
    name: "web/api",
    versions: [
      { id: 7403, name: digest("web/api 3.0.0"), tags: ["3.0.0", "latest"] },
      { id: 7402, name: digest("web/api 2.9.1"), tags: ["2.9.1"], deletedAt: ago(2) },
      { id: 7401, name: digest("web/api untagged"), tags: [], deletedAt: ago(6) },
    ],
  });
  sim.addPackage(org, { type: "container", name: "old/tool", deletedAt: ago(45) });
  sim.addPackage(org, { type: "npm", name: "reused", deletedAt: ago(3), versions: [npm(7501, "0.9.0")] });
  sim.addPackage(org, { type: "npm", name: "reused", versions: [npm(7502, "1.0.0")] });
  sim.addPackage(org, { type: "maven", name: "com.acme.lib", deletedAt: ago(4), token: "lib-2025" });
  sim.addPackage(org, { type: "maven", name: "com.acme.lib", deletedAt: ago(12), token: "lib-2024" });
}

function npm(id: number, name: string, deletedAt?: Date): SimPackageVersion {
  return deletedAt ? { id, name, deletedAt } : { id, name };
}
