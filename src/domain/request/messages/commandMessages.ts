// What a restore command's flow tells the requester (handleCommand, prepareRequest), in one place: each a function
// of the facts and, where it says what to type, of the slash command as configured. Plain text quoting names:
// the chat adapter escapes it.
import {
  commandFor,
  describePackage,
  describeTarget,
  describeVersion,
  type PackageRef,
  type RestoreRequest,
  type RestoreTarget,
} from "../../command/restoreRequest.js";
import { appTokenCaveat } from "./versionsMessages.js";

/** A request for one version, named by what was asked for (an ID, a tag or a version string). */
export type VersionAsked = PackageRef & { target: Exclude<RestoreTarget, { kind: "package" }> };

export function orgNotServed(org: string): string {
  return `This bot doesn't restore packages in ${org}.`;
}

/** Why a check through Slack failed, when the failure says nothing of its own. */
export function slackDidNotAnswer(): string {
  return "Slack did not answer; try again in a minute.";
}

export function requesterCheckFailed(why: string): string {
  return `I couldn't check whether you may restore packages, so nothing was done. ${why}`;
}

export function requesterNotAllowed(): string {
  return "You're not on the list of people who may restore packages. Ask an operator to add you (or a user group you're in) to RESTORE_REQUESTERS.";
}

/** Where the card goes, as the requester is told when Slack won't take it. */
export function cardPlace(inApproversChannel: boolean): string {
  return inApproversChannel ? "in the approvers' channel" : "in this channel";
}

export function waitingInApproversChannel(request: RestoreRequest, cardLink: string | undefined): string {
  return `Your request to restore the ${describeTarget(request)} is waiting for approval in the approvers' channel${cardLink ? `: ${cardLink}` : "."}`;
}

/** Another request holds the package: `waiting` when it waits for a decision, else it is being restored. */
export function alreadyRequested(request: RestoreRequest, waiting: boolean, cardLink: string | undefined): string {
  const what = waiting ? "is already waiting for approval" : "is already under way";
  return `A request to restore the ${describeTarget(request)} ${what}${cardLink ? `: ${cardLink}` : ""}. I didn't open another one.`;
}

/** `walked`: how many deleted versions were looked through, when GitHub lists more than that. */
export function versionNotFound(asked: VersionAsked, command: string, walked?: number): string {
  const among = walked === undefined ? "" : ` among its newest ${walked} deleted versions`;
  return `GitHub lists no deleted ${describeVersion(asked.target)} of the ${describePackage(asked)}${among}, so nothing was done. See what can be restored with \`${command} versions ${commandFor(asked)}\`.`;
}

/** `withAppCaveat`: the bot uses its GitHub App, to which GitHub answers "not found" on package endpoints. */
export function packageNotFoundForVersion(asked: VersionAsked, command: string, withAppCaveat: boolean): string {
  const caveat = withAppCaveat ? ` (${appTokenCaveat()})` : "";
  return `GitHub shows no active ${describePackage(asked)} to look up the ${describeVersion(asked.target)} in, so nothing was done. If the whole package was deleted, restore it with \`${command} ${commandFor(asked)}\`.${caveat}`;
}

export function versionLookupFailed(asked: VersionAsked, reason: string): string {
  return `I couldn't look up the ${describeVersion(asked.target)} of the ${describePackage(asked)} on GitHub (${reason}), so nothing was done. Try again later, or give the version's ID with \`version=<ID>\`.`;
}
