import { ConfigError } from "../errors.js";
import { optionalVar, requiredVar, type Env } from "../config/readEnv.js";
import type { AwsCredentials } from "../handoff/signAwsRequest.js";

export interface AwsAccess {
  region: string;
  credentials: AwsCredentials;
}

/** The region and the role's temporary credentials, which Lambda puts in every function's environment. */
export function loadAwsAccess(env: Env): AwsAccess {
  const region = requiredVar(env, "AWS_REGION", "Lambda sets it; set it by hand only outside Lambda.");
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) throw new ConfigError("AWS_REGION", "it is not an AWS region name such as eu-west-1.");
  const sessionToken = optionalVar(env, "AWS_SESSION_TOKEN");
  return {
    region,
    credentials: {
      accessKeyId: requiredVar(env, "AWS_ACCESS_KEY_ID", "Lambda sets it from the function's role."),
      secretAccessKey: requiredVar(env, "AWS_SECRET_ACCESS_KEY", "Lambda sets it from the function's role."),
      ...(sessionToken === undefined ? {} : { sessionToken }),
    },
  };
}
