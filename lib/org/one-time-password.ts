import { randomInt } from "node:crypto";
import { checkPasswordPolicy } from "@/lib/auth/password-policy";
import { generatePassword } from "@/lib/auth/generated-password";

/** One-time passwords meet the policy (16 characters, three classes, not containing the username). */
export function generateOneTimePassword(username: string): string {
  for (;;) {
    const password = generatePassword().replace(/^Ty\d\d/, `Tmp${randomInt(10, 99)}`);
    if (checkPasswordPolicy(password, username).length === 0) return password;
  }
}
