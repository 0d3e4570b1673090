// What the HTTP function itself answers in Slack, in one place: each a function of the facts and the configured
// command. Plain text: the handler escapes it for mrkdwn.
import { COMMAND_SYNTAX } from "../domain/command/commandSyntax.js";
import { PACKAGE_TYPES } from "../domain/command/packageTypes.js";
import { DEFAULT_HISTORY_COUNT, MAX_HISTORY_COUNT, type UsageError } from "../domain/command/parseCommand.js";
import type { ParsedPackage } from "../domain/command/parsePackageWords.js";
import { describePackage, describeTarget, type RestoreRequest } from "../domain/command/restoreRequest.js";

/** `help`, and the tail of every usage error. */
export function usage(command: string): string {
  return [
    `Usage: \`${command} ${COMMAND_SYNTAX.restore}\``,
    `• <type> is one of ${PACKAGE_TYPES.join(", ")} (gradle means maven, ghcr means container)`,
    `• Example: \`${command} acme container team/app deleted by the cleanup job\``,
    `• One version: \`${command} acme npm left-pad version=1.4.2\` (or the version's ID); images also by \`tag=v1.4.2\``,
    `• \`${command} ${COMMAND_SYNTAX.versions}\` lists a package's deleted versions, each with a button to ask for it`,
    `• \`${command} ${COMMAND_SYNTAX.repair}\` restores the deleted platforms of a multi-platform image whose tag no longer pulls (paste it as pulled: \`ghcr.io/acme/app:1.4\`; no tag scans the recent ones)`,
    `• \`${command} ${COMMAND_SYNTAX.history}\` lists recent requests (${DEFAULT_HISTORY_COUNT} by default, at most ${MAX_HISTORY_COUNT})`,
    `• \`${command} ${COMMAND_SYNTAX.doctor}\` checks the bot's setup (approvers only)`,
    `• \`${command} ${COMMAND_SYNTAX.help}\` shows this message`,
  ].join("\n");
}

export function usageError(error: UsageError, command: string): string {
  const hint = error.usage === undefined ? "" : ` Use \`${command} ${COMMAND_SYNTAX[error.usage]}\`.`;
  return `:warning: ${error.message}${hint}\n\n${usage(command)}`;
}

export function otherCommand(command: string): string {
  return `This app answers ${command} only.`;
}

export function lookingUpHistory(): string {
  return ":hourglass_flowing_sand: Looking up recent requests…";
}

export function checkingSetup(): string {
  return ":stethoscope: Got it: for an approver, the setup's checks come here in a few seconds.";
}

export function lookingUpVersions(pkg: ParsedPackage): string {
  return `:hourglass_flowing_sand: Looking up deleted versions of the ${describePackage(pkg)}…${notesOf(pkg.notes)}`;
}

export function gotIt(request: RestoreRequest, requireApproval: boolean): string {
  const next = requireApproval
    ? `asking for approval to restore the ${describeTarget(request)}`
    : `restoring the ${describeTarget(request)}`;
  return `:hourglass_flowing_sand: Got it: ${next}. I'll post as it goes.${notesOf(request.notes)}`;
}

export function orgNotServed(org: string, servedOrgs: Iterable<string>): string {
  return `:no_entry: This bot doesn't restore packages in ${org}. It is set up for: ${[...servedOrgs].join(", ")}.`;
}

/** A try given up on may still have reached Lambda, so this says only what is known. Asking again is safe: the same package's second request is pointed at the first. */
export function notQueued(): string {
  return ":x: I couldn't confirm that your request was queued. If nothing happens within a minute, please try again.";
}

export function clickNotRecorded(): string {
  return ":x: I couldn't confirm that your click was recorded. If the card doesn't change within a minute, please click again.";
}

function notesOf(notes: readonly string[]): string {
  return notes.length > 0 ? `\n${notes.join("\n")}` : "";
}
