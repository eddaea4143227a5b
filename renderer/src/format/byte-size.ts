/** A file's size for people: "512 bytes", "12 KB", "1.2 MB" (binary units, as the limits are set). */
export function formatByteSize(bytes: number): string {
  if (bytes < 1024) return bytes === 1 ? '1 byte' : `${bytes} bytes`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${kb < 10 ? kb.toFixed(1) : Math.round(kb)} KB`;
  const mb = kb / 1024;
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/** "1920×1080" */
export function formatPixelSize(size: { width: number; height: number }): string {
  return `${size.width}×${size.height}`;
}
