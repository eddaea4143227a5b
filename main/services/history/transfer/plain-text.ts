/** Control characters (line breaks included) as spaces: a name from a file stays on its line, as text. */
export function withoutControlCharacters(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  return text.replace(/[\u0000-\u001f\u007f]/g, ' ');
}

/** A name from an imported file as it appears in an import's `errors` (shown as text by the window). */
export function escapeForError(name: string): string {
  return withoutControlCharacters(name).slice(0, 80);
}
