/**
 * The Block Kit limits the simulator enforces, each from Slack's reference. Kept apart from the
 * renderers' own constants (src/slack/blockKitLimits.ts) on purpose: a renderer that got a limit
 * wrong must be caught here, not agreed with.
 *
 * - 50 blocks per message: https://docs.slack.dev/reference/block-kit/blocks
 * - Text object: `plain_text` or `mrkdwn`, 1 to 3,000 characters; `emoji` only on plain_text,
 *   `verbatim` only on mrkdwn: https://docs.slack.dev/reference/block-kit/composition-objects/text-object
 * - Section: text 1 to 3,000; at most 10 fields of at most 2,000; block_id at most 255:
 *   https://docs.slack.dev/reference/block-kit/blocks/section-block
 * - Header: plain_text only, at most 150: https://docs.slack.dev/reference/block-kit/blocks/header-block
 * - Context: at most 10 elements (images and text objects):
 *   https://docs.slack.dev/reference/block-kit/blocks/context-block
 * - Actions: at most 25 elements: https://docs.slack.dev/reference/block-kit/blocks/actions-block
 * - Button: text plain_text only, at most 75; action_id 255; url 3,000; value 2,000;
 *   accessibility_label 75; style `primary` or `danger`:
 *   https://docs.slack.dev/reference/block-kit/block-elements/button-element
 * - Confirmation dialog: title plain_text at most 100; text at most 300; confirm and deny plain_text
 *   at most 30: https://docs.slack.dev/reference/block-kit/composition-objects/confirmation-dialog-object
 *
 * Characters are counted as JavaScript string length (UTF-16 units), which is never less than
 * Slack's count, so the simulator errs on the strict side.
 */

export const MAX_BLOCKS = 50;
export const MAX_TEXT_OBJECT = 3000;
export const MAX_SECTION_TEXT = 3000;
export const MAX_SECTION_FIELDS = 10;
export const MAX_FIELD_TEXT = 2000;
export const MAX_HEADER_TEXT = 150;
export const MAX_CONTEXT_ELEMENTS = 10;
export const MAX_ACTIONS_ELEMENTS = 25;
export const MAX_BLOCK_ID = 255;
export const MAX_ACTION_ID = 255;
export const MAX_BUTTON_TEXT = 75;
export const MAX_BUTTON_VALUE = 2000;
export const MAX_BUTTON_URL = 3000;
export const MAX_ACCESSIBILITY_LABEL = 75;
export const MAX_CONFIRM_TITLE = 100;
export const MAX_CONFIRM_TEXT = 300;
export const MAX_CONFIRM_BUTTON = 30;
