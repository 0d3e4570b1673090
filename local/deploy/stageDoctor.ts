// The doctor for a deployed stage: the worker's environment as osls prints it, the table from the stack's
// outputs, the secrets from SSM with the caller's AWS credentials.
import { createPowertoolsParameterFetcher } from "../../src/secrets/createPowertoolsParameterFetcher.js";
import { failed } from "../../src/domain/doctor/checkResult.js";
import { renderDoctorReport } from "../../src/domain/doctor/renderDoctorReport.js";
import { type DoctorAnswer, doctorOutsideLambda } from "./doctorOutsideLambda.js";
import { osls, selectionFlags } from "./osls.js";
import { functionEnvironment, type PrintedService } from "./preflight.js";

/** The `TableName` output in `osls info --verbose`'s "Stack Outputs". */
export function tableNameFromInfo(info: string): string | undefined {
  return /^\s*TableName:\s*(\S+)\s*$/m.exec(info)?.[1];
}

export async function runStageDoctor(printed: PrintedService, flags: string[]): Promise<DoctorAnswer> {
  const region = printed.provider.region;
  // Powertools' SSM client and the AWS SDK read the region from the environment.
  process.env.AWS_REGION ??= region;
  const env: Record<string, string | undefined> = { ...functionEnvironment(printed, "worker"), AWS_REGION: region };
  // TABLE_NAME is a CloudFormation reference, known once deployed: the stack's outputs say which table it is.
  const tableName =
    process.env.TABLE_NAME ??
    tableNameFromInfo(await osls(["info", "--verbose", ...selectionFlags(flags)], true).catch(() => ""));
  if (tableName === undefined) {
    const results = [
      failed(
        "Stage",
        "the stack's outputs could not be read, so its table is unknown (osls info failed or listed no TableName; its message is above).",
        "Check your AWS credentials and --region (the stage must be deployed), or set TABLE_NAME to the table's name, and run the doctor again.",
      ),
    ];
    return { report: renderDoctorReport(results), ok: false, results };
  }
  return doctorOutsideLambda({ ...env, TABLE_NAME: tableName }, createPowertoolsParameterFetcher(env));
}
