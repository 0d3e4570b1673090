// What the `versions` listing's flow (handleVersions) tells the person who asked, in one place: each a function of
// the facts and, where it says what to type, of the slash command as configured. Plain text quoting names: the chat
// adapter escapes it. The listing itself is rendered by the chat adapter.
import { commandFor, describePackage, type PackageRef } from "../../command/restoreRequest.js";

/** GitHub's 404 on a package endpoint means less for the bot's GitHub App, which GitHub refuses there. */
export function appTokenCaveat(): string {
  return "GitHub also answers “not found” when it refuses the bot's GitHub App token on package endpoints.";
}

export function requesterCheckFailedNothingListed(): string {
  return "I couldn't check whether you may restore packages, so I listed nothing. Try again in a minute.";
}

export function notAllowedToList(): string {
  return "You're not on the list of people who may restore packages, so I can't list deleted versions for you. Ask an operator to add you (or a user group you're in) to RESTORE_REQUESTERS.";
}

export function listingFailed(pkg: PackageRef, reason: string): string {
  return `I couldn't list the deleted versions of the ${describePackage(pkg)} (${reason}).`;
}

export function noDeletedVersions(pkg: PackageRef): string {
  return `GitHub lists no deleted versions of the ${describePackage(pkg)}.`;
}

export function noSuchPage(pkg: PackageRef, page: number, command: string): string {
  return `There is no page ${page} of deleted versions of the ${describePackage(pkg)}. Ask for \`${command} versions ${commandFor(pkg)}\` to start at the first.`;
}
