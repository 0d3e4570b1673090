// What `doctor` tells someone it won't run for. Plain text: the Slack adapter escapes it.

export function onlyApprovers(): string {
  return ":no_entry: Only approvers (RESTORE_APPROVERS) can run this: it describes how the bot is set up. Nothing was checked.";
}

/** `command` is the slash command as configured. */
export function approverUnknown(command: string): string {
  return `:warning: I couldn't tell whether you are an approver (a user group in RESTORE_APPROVERS couldn't be read), so I ran no checks. \`${command} doctor\` run by an approver listed by user ID says why.`;
}
