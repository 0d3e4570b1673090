/** Public types of the registry simulator (re-exported by startRegistrySimulator.ts). */
import type { IsDeleted } from "./deletionsFromGitHub.js";

export interface RegistrySimulatorOptions {
  /**
   * Whether the password of a token request is a credential GitHub knows (a PAT, an installation token). Unknown
   * ones get 401 from the token service. Default: any.
   */
  knownCredential?: (token: string) => boolean;
  /** Whether a known credential may pull `name` (e.g. a PAT without read:packages may not). Default: yes. */
  mayPull?: (token: string, name: string) => boolean;
  /**
   * GitHub's state, shared: a manifest whose package version is deleted answers MANIFEST_UNKNOWN until restored.
   * `deletionsFromGitHub(github)` builds one from the GitHub simulator. Default: nothing is deleted.
   */
  isDeleted?: IsDeleted;
  /** Play ghcr.io refusing App installation tokens (`ghs_…`) for pulls: 403 DENIED. Default false; settable later. */
  refuseInstallationTokens?: boolean;
  /** False: no token auth at all, like a CNCF Distribution with no `auth:` section. Default true. */
  requireAuth?: boolean;
  /** `expires_in` of issued tokens. Default 300. */
  tokenLifetimeSeconds?: number;
  /** Which field carries the token; the spec allows either or both. Default "token", as ghcr.io. */
  tokenField?: "token" | "access_token" | "both";
  now?: () => Date;
}

export type RegistryRoute = "base" | "manifests" | "token";

/** One request the simulator answered. Holds no credential. */
export interface RegistryCall {
  method: string;
  route: RegistryRoute | null;
  /** Path and query as received. */
  target: string;
  auth: "none" | "basic" | "bearer" | "other";
  /** 0 for a connection dropped by an injected fault. */
  status: number;
}

/** The next answers on a route: a status (with the spec's error body), a delay, or a dropped connection. */
export interface RegistryFault {
  status?: number;
  delayMs?: number;
  /** Close the connection without answering. */
  drop?: boolean;
}

export interface StoredManifest {
  mediaType: string;
  bytes: Buffer;
}
