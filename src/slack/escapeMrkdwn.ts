/**
 * Escapes text for Slack mrkdwn so user input can't ping (`<!channel>`),
 * link (`<https://…|…>`) or mention (`<@U…>`). Slack's rule: escape exactly
 * `&`, `<` and `>`; everything else is literal.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
