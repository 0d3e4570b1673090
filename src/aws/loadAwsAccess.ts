import { optionalVar, requiredVar, type Env } from "../config/readEnv.js";
import type { AwsCredentials } from "./signAwsRequest.js";
import { dnsSuffixFor } from "./dnsSuffixFor.js";

export interface AwsAccess {
  region: string;
  /** Of the region's partition, e.g. `amazonaws.com.cn` for cn-north-1: endpoints are `https://{service}.{region}.{dnsSuffix}`. */
  dnsSuffix: string;
  credentials: AwsCredentials;
}

/** The region (placed in its partition) and the role's temporary credentials, which Lambda puts in every function's environment. */
export function loadAwsAccess(env: Env): AwsAccess {
  const region = requiredVar(env, "AWS_REGION", "Lambda sets it; set it by hand only outside Lambda.");
  const dnsSuffix = dnsSuffixFor(region);
  const sessionToken = optionalVar(env, "AWS_SESSION_TOKEN");
  return {
    region,
    dnsSuffix,
    credentials: {
      accessKeyId: requiredVar(env, "AWS_ACCESS_KEY_ID", "Lambda sets it from the function's role."),
      secretAccessKey: requiredVar(env, "AWS_SECRET_ACCESS_KEY", "Lambda sets it from the function's role."),
      ...(sessionToken === undefined ? {} : { sessionToken }),
    },
  };
}
