/**
 * One locale's messages from its areas' files, as `import.meta.glob` gives them (path → the file's
 * object), merged into one `<area>.<key>` → text record (keys are already prefixed by area).
 */
export function mergeAreas(
  files: Readonly<Record<string, Readonly<Record<string, string>>>>,
): Record<string, string> {
  // Sorted by path so the result does not depend on the order the bundler lists files in.
  return Object.assign(
    {},
    ...Object.keys(files)
      .sort()
      .map((path) => files[path]),
  );
}
