import { ConfigError } from "../errors.js";

/**
 * AWS's partitions and the DNS suffix of each one's endpoints (`{service}.{region}.{dnsSuffix}`), from the AWS SDK for
 * JavaScript v3's packages/util-endpoints/src/lib/aws/partitions.json (version 1.1, aws/aws-sdk-js-v3@685ff5d0):
 * the same `regionRegex` patterns, in the same order.
 */
const PARTITIONS: ReadonlyArray<{ id: string; regionRegex: RegExp; dnsSuffix: string }> = [
  { id: "aws", regionRegex: /^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$/, dnsSuffix: "amazonaws.com" },
  { id: "aws-cn", regionRegex: /^cn-\w+-\d+$/, dnsSuffix: "amazonaws.com.cn" },
  { id: "aws-us-gov", regionRegex: /^us-gov-\w+-\d+$/, dnsSuffix: "amazonaws.com" },
  { id: "aws-iso", regionRegex: /^us-iso-\w+-\d+$/, dnsSuffix: "c2s.ic.gov" },
  { id: "aws-iso-b", regionRegex: /^us-isob-\w+-\d+$/, dnsSuffix: "sc2s.sgov.gov" },
  { id: "aws-iso-e", regionRegex: /^eu-isoe-\w+-\d+$/, dnsSuffix: "cloud.adc-e.uk" },
  { id: "aws-iso-f", regionRegex: /^us-isof-\w+-\d+$/, dnsSuffix: "csp.hci.ic.gov" },
  { id: "aws-eusc", regionRegex: /^eusc-(de)-\w+-\d+$/, dnsSuffix: "amazonaws.eu" },
];

/**
 * The DNS suffix of `region`'s partition. Where the SDK falls back to `aws` for a region it doesn't know, this throws:
 * an address guessed at start-up would only fail later, inside Slack's 3 s, as an unreachable host.
 */
export function dnsSuffixFor(region: string): string {
  const partition = PARTITIONS.find(({ regionRegex }) => regionRegex.test(region));
  if (partition === undefined) {
    throw new ConfigError(
      "AWS_REGION",
      `it is not a region of any AWS partition this bot knows (${PARTITIONS.map(({ id }) => id).join(", ")}), so it can't tell where Lambda's and SSM's APIs are. Lambda sets it; outside Lambda use a region name such as eu-west-1. A partition newer than this bot needs adding to src/aws/dnsSuffixFor.ts.`,
    );
  }
  return partition.dnsSuffix;
}
