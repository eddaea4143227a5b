import { useMemo, useState } from 'react';
import { BlockSplitter, type SplitSnapshot } from './block-splitter';

/**
 * Keeps one splitter per mounted view. `update` only scans text appended since
 * the previous call, and returns the previous snapshot for an unchanged source,
 * which also makes the double render of StrictMode harmless.
 */
export function useBlockSplitter(source: string): SplitSnapshot {
  const [splitter] = useState(() => new BlockSplitter());
  return useMemo(() => splitter.update(source), [splitter, source]);
}
