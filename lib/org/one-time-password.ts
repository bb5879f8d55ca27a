import { randomInt } from "node:crypto";
import { generateDemoPassword } from "@/lib/seed/demo-password";

/** One-time passwords meet the policy (16 characters, three classes). */
export function generateOneTimePassword(): string {
  return generateDemoPassword().replace(/^Ty\d\d/, `Tmp${randomInt(10, 99)}`);
}
