// npm run supervision:inspect [-- --json] – runs every supervision monitor once (a home-page probe
// of each site included) and prints, per site and new-media account, each check with its name, veto
// flag, status and evidence; exits 1 when any veto check fails, 0 otherwise (2 on an error). It runs
// paced like the jobs worker's daily run (the supervision pool at low priority, pausing between
// batches by SUPERVISION_DUTY_CYCLE, incremental content scan): set SUPERVISION_DUTY_CYCLE=1 for a
// run at full speed.
const HELP = `用法：npm run supervision:inspect [-- --json]
运行全部监测一次（含各站首页探测），按网站和新媒体账号列出每项检查（name、veto、status、evidence）。
与后台任务的每日监测相同：经监管专用数据库连接池以低优先级运行，每批之后按 SUPERVISION_DUTY_CYCLE 暂停
（默认 0.5，设为 1 则全速），内容扫描只读上次扫描以来新发布、更正、新放置或从回收站恢复的信息（每周全量一次）；
另一次全量检查进行中时等待其完成。
退出码：0 全部单项否决项合格，1 存在单项否决项不合格，2 出错。`;
import { ConfigError, parseEnv } from "@/lib/env";
import { connectDatabase } from "@/lib/db/prepare";
import { getDb } from "@/lib/db/client";
import { runMonitors } from "@/lib/supervision/run-monitors";
import { closeSupervisionBackground, supervisionBackground } from "@/lib/supervision/background";
import { withSupervisionRunLock } from "@/lib/supervision/run-lock";
import { inspectJson, inspectText } from "@/lib/supervision/inspect-report";

async function main(): Promise<number> {
  if (process.argv.includes("--help") || process.argv.includes("-h")) {
    console.log(HELP);
    return 0;
  }
  const json = process.argv.includes("--json");
  const env = parseEnv(process.env);
  const database = await connectDatabase(env, (message) => (json ? console.error(message) : console.log(message)));
  const db = getDb();
  try {
    const background = supervisionBackground();
    // One full run at a time: a daily run or a request running in the worker finishes first.
    const { runId, measuredAt, reports } = await withSupervisionRunLock(
      db,
      () => runMonitors(background.db, { trigger: "cli", probe: true, pacer: background.pacer }),
      { onWait: () => console.error("另一次检查正在进行，待其完成后开始…") },
    ).finally(closeSupervisionBackground);
    const report = inspectJson(measuredAt, runId, reports);
    console.log(json ? JSON.stringify(report, null, 2) : inspectText(report));
    return report.vetoFailed ? 1 : 0;
  } finally {
    await db.$disconnect();
    await database.stop();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((error) => {
    console.error(
      error instanceof ConfigError ? error.message : `[tongyuan] ${error instanceof Error ? error.message : error}`,
    );
    process.exit(2);
  });
