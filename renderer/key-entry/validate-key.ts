/** The catalog message for each problem `keyProblem` finds (messages/keyEntry). */
export const KEY_PROBLEM_MESSAGES = {
  empty: 'keyEntry.problem.empty',
  prefix: 'keyEntry.problem.prefix',
  whitespace: 'keyEntry.problem.whitespace',
  tooShort: 'keyEntry.problem.tooShort',
  tooLong: 'keyEntry.problem.tooLong',
} as const;

export type KeyProblem = keyof typeof KEY_PROBLEM_MESSAGES;

/**
 * Checks the person can fix before anything leaves this window. Main checks again (and OpenRouter
 * verifies the key); these only give a fast, specific message (KEY_PROBLEM_MESSAGES).
 */
export function keyProblem(raw: string): KeyProblem | null {
  const key = raw.trim();
  if (key === '') return 'empty';
  if (!key.startsWith('sk-or-')) return 'prefix';
  if (/\s/.test(key)) return 'whitespace';
  if (key.length < 20) return 'tooShort';
  if (key.length > 200) return 'tooLong';
  return null;
}
