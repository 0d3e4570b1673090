/** Reads one SecureString parameter, decrypted. Errors must name the parameter, never a value. */
export type FetchParameter = (name: string) => Promise<string>;
