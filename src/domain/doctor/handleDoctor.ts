import type { RestoreChat } from "../ports/restoreChat.js";
import type { CheckResult } from "./checkResult.js";
import { approverUnknown, onlyApprovers } from "./doctorMessages.js";
import { renderDoctorReport } from "./renderDoctorReport.js";

export interface DoctorDeps {
  chat: Pick<RestoreChat, "tellPrivately">;
  isApprover: (userId: string) => Promise<boolean>;
  runChecks: () => Promise<CheckResult[]>;
  /** The slash command as configured, for what the refusal tells people to type. */
  command: string;
}

/**
 * `doctor`: approvers only (the answer describes the setup's weak points). The answer goes to the asker alone; the
 * checks only read, so nothing is recorded but the log line of the job.
 */
export async function handleDoctor(askerId: string, deps: DoctorDeps): Promise<CheckResult[] | undefined> {
  let approver: boolean;
  try {
    approver = await deps.isApprover(askerId);
  } catch {
    await deps.chat.tellPrivately(approverUnknown(deps.command));
    return undefined;
  }
  if (!approver) {
    await deps.chat.tellPrivately(onlyApprovers());
    return undefined;
  }
  const results = await deps.runChecks();
  await deps.chat.tellPrivately(renderDoctorReport(results));
  return results;
}
