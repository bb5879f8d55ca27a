import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import { anchorConfig, loadPublicKey, readCheckpoints } from "@/lib/audit/anchor";
import { verifyAudit } from "@/lib/audit/verify";

// The audit viewer's 完整性校验: the same check as `npm run audit:verify` (hash chain, numbers
// without gaps, signed checkpoints kept outside the database), said in plain words.

export type AuditIntegrity = {
  intact: boolean;
  /** One sentence: what was checked and what was found. */
  summary: string;
  problems: string[];
  warnings: string[];
};

/** Keeps the Chinese sentence of a verify message (the CLI adds an English gloss in brackets). */
const chineseOnly = (message: string) => message.replace(/\s*\([^()]*[A-Za-z][^()]*\)\s*$/, "");

export async function checkAuditIntegrity(actor: Principal | null): Promise<AuditIntegrity> {
  await assertCan(actor, "audit.view", "platform");
  const config = anchorConfig(getEnv());
  const publicKey = await loadPublicKey(config).catch(() => null);
  const checkpoints = await readCheckpoints(config).catch(() => []);
  const report = await verifyAudit(getDb(), { checkpoints, publicKey });
  const problems = report.problems.map((problem) => chineseOnly(problem.message));
  const warnings = report.warnings.map(chineseOnly);
  const intact = problems.length === 0;
  return {
    intact,
    summary: intact
      ? `校验通过：逐条核对了 ${report.checked} 条记录，编号连续到第 ${report.newestSeq} 条，每条记录都与前一条环环相扣，` +
        `没有发现被修改、删除或插入的记录${report.checkpoints ? `；与 ${report.checkpoints} 个签名检查点一致` : ""}。`
      : `校验未通过：逐条核对了 ${report.checked} 条记录，发现 ${problems.length} 处问题，审计记录可能被篡改，请立即报告安全管理员。`,
    problems,
    warnings,
  };
}
