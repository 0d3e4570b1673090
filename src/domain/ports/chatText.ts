/**
 * Plain text, or text with mentions, dates and links in it; the adapter escapes
 * the text and renders the rest. Links must be URLs the bot made, never user input.
 */
export type ChatText =
  | string
  | ReadonlyArray<string | { user: string } | { date: string } | { link: string; label: string }>;
