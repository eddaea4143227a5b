/**
 * Links in model output are untrusted. Only plain https URLs may leave the app, and only after the
 * person confirms; everything else (javascript:, file:, custom schemes, credentials in the URL) is refused.
 */
export function parseSafeExternalUrl(raw: string): URL | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  if (!url.hostname) return null;
  return url;
}
