/**
 * Slack's limits on what the renderers send (the ones with user text in them); past them Slack
 * refuses the whole message with `invalid_blocks`. Sources:
 * https://docs.slack.dev/reference/block-kit/blocks (50 blocks), …/blocks/section-block,
 * …/composition-objects/text-object, …/block-elements/button-element and
 * …/composition-objects/confirmation-dialog-object.
 * A message's `text` is truncated past 40,000 characters
 * (https://docs.slack.dev/reference/methods/chat.postMessage). A card's is held to 4,000: the
 * project's platform notes give that limit for `chat.update`, and its simulator enforces it,
 * though no Slack page found says so.
 */
export const BLOCK_KIT = {
  blocks: 50,
  sectionText: 3000,
  fieldText: 2000,
  contextText: 3000,
  buttonValue: 2000,
  confirmText: 300,
  /** A card's `text` also goes through chat.update. */
  updateText: 4000,
  messageText: 40_000,
} as const;
