// npm run worker – the background-jobs worker as its own process (production: the `worker`
// service of docker-compose.yml). The embedded default runs the same jobs inside `npm start`.
import { ConfigError, parseEnv } from "@/lib/env";
import { lowerWorkerPriority } from "@/lib/jobs/priority";

const log = (message: string) => console.log(`[tongyuan-worker] ${message}`);

async function main() {
  const env = parseEnv(process.env);
  // Lower first, so that loading the jobs' code already yields to the web server (#21).
  lowerWorkerPriority(env.WORKER_NICE, log);
  const { prepareDatabase } = await import("@/lib/seed/prepare");
  const { startJobRunner } = await import("@/lib/jobs/runner");
  const database = await prepareDatabase(env, log);
  const runner = await startJobRunner(database.url, `worker-${process.pid}`, log);
  const stop = async () => {
    await runner.stop();
    await database.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((error) => {
  console.error(
    error instanceof ConfigError
      ? error.message
      : `[tongyuan-worker] ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
});
