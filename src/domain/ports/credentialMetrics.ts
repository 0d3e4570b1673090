import type { CredentialCheck } from "../doctor/checkGitHubCredential.js";

/**
 * The sweep's hourly GitHub credential check, counted for the github-credential-check alarm (docs/operations.md).
 * Implementations never throw. `code` is the failing check's short fixed code, for a failed check only.
 */
export interface CredentialMetrics {
  credentialChecked(result: CredentialCheck["result"], code?: string): void;
}
