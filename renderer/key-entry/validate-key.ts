/**
 * Checks the person can fix before anything leaves this window. Main checks again (and OpenRouter
 * verifies the key); these only give a fast, specific message.
 */
export function keyProblem(raw: string): string | null {
  const key = raw.trim();
  if (key === '') return 'Enter your OpenRouter API key.';
  if (!key.startsWith('sk-or-'))
    return 'OpenRouter keys start with “sk-or-”. Check you copied the whole key.';
  if (/\s/.test(key)) return 'The key contains spaces or line breaks. Copy it again without them.';
  if (key.length < 20) return 'That key is too short. Check you copied the whole key.';
  if (key.length > 200) return 'That key is too long. Check you copied only the key.';
  return null;
}
