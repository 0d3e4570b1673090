import { Logger as PowertoolsLogger } from "@aws-lambda-powertools/logger";
import type { Logger } from "./logger.js";

/**
 * The worker's logger: Powertools for AWS Lambda's structured JSON logs
 * (service, level, timestamp, and the Lambda context once added). The HTTP
 * function keeps createJsonLogger, which loads in no time.
 */
export function createPowertoolsLogger(
  serviceName: string,
  logLevel: "INFO" | "SILENT" = "INFO",
): Logger & { powertools: PowertoolsLogger } {
  const powertools = new PowertoolsLogger({ serviceName, logLevel });
  return {
    powertools,
    info: (message, fields) => powertools.info(message, fields ?? {}),
    warn: (message, fields) => powertools.warn(message, fields ?? {}),
    error: (message, fields) => powertools.error(message, fields ?? {}),
  };
}
