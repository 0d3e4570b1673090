/** Orgs, packages and versions held by the simulator, and GitHub's restore rules over them. */
import type { PackageType, SimPackage, SimPackageVersion } from "./types.js";

/** GitHub restores packages and versions deleted within the last 30 days. */
export const RESTORE_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

export interface PackageRecord {
  id: number;
  createdAt: Date;
  pkg: SimPackage;
}

export interface OrgRecord {
  login: string;
  id: number;
  installationId: number | undefined;
  createdAt: Date;
  packages: PackageRecord[];
}

export type RestoreOutcome = "restored" | "not_found" | "name_in_use" | "token_required";

const key = (login: string) => login.toLowerCase();

export function withinRestoreWindow(deletedAt: Date | undefined, now: Date): deletedAt is Date {
  return deletedAt !== undefined && now.getTime() - deletedAt.getTime() <= RESTORE_WINDOW_MS;
}

export class SimState {
  private readonly orgs = new Map<string, OrgRecord>();
  /** Orgs that enforce SAML single sign-on, each with the classic PATs authorised for it. */
  private readonly sso = new Map<string, ReadonlySet<string>>();
  private nextId = 100_000;

  constructor(private readonly now: () => Date) {}

  addOrg(login: string, installationId: number | undefined): void {
    if (installationId !== undefined && this.orgByInstallation(installationId)) {
      throw new Error(`installation ${installationId} already belongs to another org`);
    }
    const existing = this.orgs.get(key(login));
    if (existing) {
      existing.installationId = installationId;
      return;
    }
    const org = { login, id: this.newId(), installationId, createdAt: this.now(), packages: [] };
    this.orgs.set(key(login), org);
  }

  /** Org logins are case-insensitive on GitHub. */
  org(login: string): OrgRecord | undefined {
    return this.orgs.get(key(login));
  }

  orgByInstallation(installationId: number): OrgRecord | undefined {
    return [...this.orgs.values()].find((o) => o.installationId === installationId);
  }

  /** Every org the App is installed on. */
  installedOrgs(): OrgRecord[] {
    return [...this.orgs.values()].filter((o) => o.installationId !== undefined);
  }

  /** The org enforces SAML SSO; only the PATs listed are authorised for it. */
  requireSso(login: string, authorizedPats: readonly string[]): void {
    this.sso.set(key(login), new Set(authorizedPats));
  }

  /** Whether GitHub refuses this PAT on the org's resources for want of SSO authorisation. */
  ssoBlocks(login: string, pat: string): boolean {
    const authorized = this.sso.get(key(login));
    return authorized !== undefined && !authorized.has(pat);
  }

  installationCount(): number {
    return [...this.orgs.values()].filter((o) => o.installationId !== undefined).length;
  }

  addPackage(login: string, pkg: SimPackage): void {
    const org = this.org(login);
    if (!org) throw new Error(`unknown org ${login}: call addOrg first`);
    if (!pkg.deletedAt && this.findActive(org, pkg.type, pkg.name)) {
      throw new Error(`org ${login} already has an active ${pkg.type} package named ${pkg.name}`);
    }
    org.packages.push({ id: this.newId(), createdAt: this.now(), pkg: structuredClone(pkg) });
  }

  /** Copies of the org's packages, so callers cannot change the simulator's state by accident. */
  packages(login: string): SimPackage[] {
    return (this.org(login)?.packages ?? []).map((r) => structuredClone(r.pkg));
  }

  findActive(org: OrgRecord, type: PackageType, name: string): PackageRecord | undefined {
    return org.packages.find((r) => r.pkg.type === type && r.pkg.name === name && !r.pkg.deletedAt);
  }

  /**
   * POST .../restore: the deleted package must be within the restore window; an active
   * package with the same name blocks it; several candidates need `token` to pick one.
   */
  restorePackage(org: OrgRecord, type: PackageType, name: string, token: string | undefined): RestoreOutcome {
    const now = this.now();
    const candidates = org.packages.filter(
      (r) => r.pkg.type === type && r.pkg.name === name && withinRestoreWindow(r.pkg.deletedAt, now),
    );
    if (candidates.length === 0) return "not_found";
    if (this.findActive(org, type, name)) return "name_in_use";
    const chosen = token === undefined ? candidates : candidates.filter((r) => r.pkg.token === token);
    if (chosen.length === 1 && chosen[0]) {
      delete chosen[0].pkg.deletedAt;
      return "restored";
    }
    return candidates.length > 1 ? "token_required" : "not_found";
  }

  deletePackage(record: PackageRecord): void {
    record.pkg.deletedAt = this.now();
  }

  /** POST .../versions/{id}/restore: only a version deleted within the restore window. */
  restoreVersion(record: PackageRecord, versionId: number): boolean {
    const version = findVersion(record, versionId);
    if (!version || !withinRestoreWindow(version.deletedAt, this.now())) return false;
    delete version.deletedAt;
    return true;
  }

  private newId(): number {
    return this.nextId++;
  }
}

export function findVersion(record: PackageRecord, versionId: number): SimPackageVersion | undefined {
  return record.pkg.versions?.find((v) => v.id === versionId);
}

export function activeVersions(record: PackageRecord): SimPackageVersion[] {
  return (record.pkg.versions ?? []).filter((v) => !v.deletedAt);
}
