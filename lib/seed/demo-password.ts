import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { generatePassword } from "@/lib/auth/generated-password";

// The demo accounts' password: SEED_PASSWORD when set; otherwise generated once, on the first
// start, and kept in a git-ignored file under DATA_DIR that README names.

export const DEMO_PASSWORD_FILE = "demo-password.txt";

export async function resolveDemoPassword(options: {
  dataDir: string;
  seedPassword?: string;
}): Promise<{ password: string; file: string | null; generated: boolean }> {
  if (options.seedPassword) return { password: options.seedPassword, file: null, generated: false };
  const file = path.join(options.dataDir, DEMO_PASSWORD_FILE);
  if (existsSync(file)) return { password: (await fs.readFile(file, "utf8")).trim(), file, generated: false };
  const password = generatePassword();
  await fs.mkdir(options.dataDir, { recursive: true });
  await fs.writeFile(file, `${password}\n`, { mode: 0o600 });
  return { password, file, generated: true };
}
