/**
 * The logging port: the same shape as Powertools for AWS Lambda's Logger, so
 * either can be passed. Fields must never hold secrets, tokens or response URLs.
 */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * One JSON line per entry on stdout/stderr, which CloudWatch and local terminals both read. `context` goes on
 * every line (the HTTP function gives each invocation its Lambda request ID and trace ID, see lambdaLogContext).
 */
export function createJsonLogger(
  service: string,
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  context: Record<string, unknown> = {},
): Logger {
  const entry = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    write(JSON.stringify({ level, service, timestamp: new Date().toISOString(), message, ...context, ...fields }));
  return { info: entry("INFO"), warn: entry("WARN"), error: entry("ERROR") };
}
