// The local stack's public stand-ins for whichever side is simulated: its signing secret and tokens, the simulated
// people and the audit channel. Nothing here is a real credential.
/** Used only when Slack is simulated: the local tools sign with it. */
export const LOCAL_SIGNING_SECRET = "local-signing-secret-not-for-production";
export const LOCAL_BOT_TOKEN = "xoxb-local-simulator";
export const LOCAL_APP_ID = 1234;
/** A classic PAT the GitHub simulator accepts, for `GITHUB_AUTH=token` against it. */
export const LOCAL_PAT = "ghp_localsimulatorpat";
/** Simulated people: who asks, who approves, and someone who may do neither. */
export const LOCAL_USERS = {
  requester: "U0REQUESTER",
  approvers: ["U0APPROVER1", "U0APPROVER2"],
  outsider: "U0OUTSIDER",
} as const;
/** The simulated audit channel, so the playground shows audit lines. */
export const LOCAL_AUDIT_CHANNEL = "C0AUDIT";
