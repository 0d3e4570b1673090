/**
 * Whether text can be a GitHub org login: 1-39 letters, digits and single inner
 * hyphens. GitHub doesn't document the rule; this is the community's reading of it.
 */
export function isOrgLogin(text: string): boolean {
  return /^[a-z\d](?:[a-z\d]|-(?=[a-z\d])){0,38}$/i.test(text);
}
