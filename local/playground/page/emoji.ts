// The emoji shortcodes the bot uses, as Unicode. Others stay as typed, as in Slack without a custom emoji.
export const EMOJI: Readonly<Record<string, string>> = {
  package: "\u{1F4E6}",
  white_check_mark: "\u2705",
  x: "\u274C",
  hourglass_flowing_sand: "\u23F3",
  no_entry: "\u26D4",
  ballot_box_with_check: "\u2611\uFE0F",
  heavy_multiplication_x: "\u2716\uFE0F",
  hourglass: "\u231B",
  warning: "\u26A0\uFE0F",
  inbox_tray: "\u{1F4E5}",
  no_entry_sign: "\u{1F6AB}",
  arrows_counterclockwise: "\u{1F504}",
  mag: "\u{1F50D}",
  stethoscope: "\u{1FA7A}",
};
