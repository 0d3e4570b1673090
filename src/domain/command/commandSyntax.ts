/**
 * How each form of the command is written after the command's name, which the configuration chooses
 * (`SLACK_COMMAND`): usage text and hints put the name in front, so no stage ever names another's.
 */
export const COMMAND_SYNTAX = {
  restore: "<org> <type> <name> [version=<ID or version> | tag=<tag> | token=<package token>] [reason…]",
  versions: "versions <org> <type> <name> [page]",
  repair: "repair <org> <image>[:<tag>] [reason…]",
  history: "history [org] [count]",
  help: "help",
  doctor: "doctor",
} as const;

export type CommandForm = keyof typeof COMMAND_SYNTAX;
