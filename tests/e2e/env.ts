// Ports and folders of the end-to-end runs: apart from `npm start`'s (3000, 54329, .data).
export const E2E = {
  port: 3100,
  pgPort: 54349,
  dataDir: ".data/e2e",
  password: "E2e-Demo-Passw0rd",
} as const;
