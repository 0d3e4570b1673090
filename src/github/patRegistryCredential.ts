import type { RegistryCredential } from "../registry/registryClient.js";

/** A classic PAT as the Container registry takes it: any user name, the token as the password. */
export function patRegistryCredential(token: string): RegistryCredential {
  return { username: "package-restore", token };
}
