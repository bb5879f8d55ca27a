// Ports and folders of the end-to-end runs: apart from `npm start`'s (3000, 54329, .data).
// E2E_PORT / E2E_PG_PORT let two runs on one machine (e.g. two worktrees) use separate servers.
export const E2E = {
  port: Number(process.env.E2E_PORT ?? 3100),
  pgPort: Number(process.env.E2E_PG_PORT ?? 54349),
  dataDir: ".data/e2e",
  password: "E2e-Demo-Passw0rd",
} as const;
