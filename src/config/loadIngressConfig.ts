import type { RestorePolicy } from "../domain/request/restorePolicy.js";
import { commandVar } from "./commandVar.js";
import { loadRestorePolicy } from "./loadRestorePolicy.js";
import { booleanVar, requiredVar, type Env } from "./readEnv.js";

/** What the HTTP function needs: no bot token, no GitHub credential. */
export interface IngressConfig {
  signingSecret: string;
  policy: RestorePolicy;
  /** Only to word the acknowledgement; the worker decides. */
  requireApproval: boolean;
  /** The slash command this app answers; others are turned away. */
  command: string;
}

export function loadIngressConfig(env: Env): IngressConfig {
  return {
    signingSecret: requiredVar(
      env,
      "SLACK_SIGNING_SECRET",
      "Copy the Signing Secret from the Slack app's Basic Information page.",
    ),
    policy: loadRestorePolicy(env),
    requireApproval: booleanVar(env, "RESTORE_REQUIRE_APPROVAL", true),
    command: commandVar(env),
  };
}
