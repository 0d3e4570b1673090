import type { OutcomeDescription } from "../request/describeOutcome.js";
import type { RequestRecord, ThreadRef } from "../request/requestRecord.js";
import type { PackageRef } from "../command/restoreRequest.js";

export type { ChatText } from "./chatText.js";
import type { ChatText } from "./chatText.js";

/** A deleted version as offered in a listing, with the command its "Request restore" button runs. */
export interface OfferedVersion {
  id: number;
  /** Tags or version string, for people (see versionLabel). */
  label: string;
  deletedAt?: string;
  /** The command text that asks for it; absent when GitHub can no longer restore it (past 30 days). */
  command?: string;
}

/**
 * What the `versions` command shows: one page of deleted versions, each
 * with a button; or, when the package itself is deleted, the offer to restore it.
 */
export type VersionsOffer =
  | {
      kind: "versions";
      package: PackageRef;
      versions: OfferedVersion[];
      page: number;
      lastPage?: number;
      nextPageCommand?: string;
    }
  | {
      kind: "package_deleted";
      package: PackageRef;
      command: string /** Plain text to add, e.g. that an App token may have been refused. */;
      caveat?: string;
    };

/**
 * Why a card wasn't posted: Slack's error code (`not_in_channel`, `invalid_blocks`,
 * `missing_scope`…, or `http_503`, `ratelimited`, `request_failed` when Slack
 * didn't answer), and whether trying again later could cure it.
 */
export interface PostFailure {
  posted: false;
  slackError: string;
  transient: boolean;
  /** The scope Slack said is missing, for `missing_scope`. */
  neededScope?: string;
}

export type PostResult = { posted: true; thread: ThreadRef } | PostFailure;

/**
 * The conversation around one job: the Slack adapter implements it per job, so
 * "privately" means the person whose command or click this job is.
 */
export interface RestoreChat {
  /** Posts the request card in `channelId`. */
  postCard(record: RequestRecord, channelId: string): Promise<PostResult>;
  /** Redraws the card for the record's current state (buttons only while pending). */
  updateCard(record: RequestRecord): Promise<void>;
  /** Replies in the card's thread, mentioning the requester. */
  replyInThread(record: RequestRecord, description: OutcomeDescription): Promise<void>;
  /** Tells only the person behind this job. */
  tellPrivately(text: ChatText): Promise<void>;
  /** Shows only the person behind this job a `versions` listing, with buttons that ask for a restore. */
  offerVersions(offer: VersionsOffer): Promise<void>;
  /** A link to the card, or undefined when Slack won't give one. */
  permalink(thread: ThreadRef): Promise<string | undefined>;
}
