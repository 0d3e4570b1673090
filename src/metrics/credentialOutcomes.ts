import type { OutcomeKind } from "../domain/request/restoreOutcome.js";

/**
 * Restore outcomes that mean the bot's GitHub credential must be fixed by a person: a token GitHub no longer takes
 * (an expired PAT), missing scopes or SSO authorisation, an App not installed or refused. serverless.yml's
 * GitHubCredentialAlarm adds the `restores` of these outcomes to every 401 on any GitHub call (`githubErrors`,
 * status 401), so the card's pre-check trips it before anybody approves a restore.
 */
export const CREDENTIAL_OUTCOMES: readonly OutcomeKind[] = [
  "bad_credentials",
  "missing_scopes",
  "forbidden",
  "app_token_refused",
  "app_not_installed",
  "token_refused",
];
