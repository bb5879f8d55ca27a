// 等保 2.0 password complexity: at least 10 characters, at least 3 of the 4 character classes
// (lower case, upper case, digits, symbols), and not containing the username in any letter case.
// Every path that sets a password checks it here: the user's own change, and the one-time
// passwords of account creation and reset (lib/org/users.ts).

export const PASSWORD_MIN_LENGTH = 10;

export function checkPasswordPolicy(password: string, username: string): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push(`密码至少需要 ${PASSWORD_MIN_LENGTH} 个字符。`);
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((pattern) => pattern.test(password)).length;
  if (classes < 3) problems.push("密码需包含大写字母、小写字母、数字、符号中的至少三类。");
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push("密码不能包含用户名。");
  return problems;
}
