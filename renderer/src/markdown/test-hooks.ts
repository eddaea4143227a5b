import type { BlockVariant } from './pipeline';

type BlockRenderObserver = (text: string, variant: BlockVariant) => void;

let observer: BlockRenderObserver | null = null;

/**
 * Test hook: observe every block parse/render. Lets tests prove that settled
 * blocks are not re-rendered while the message grows. Costs one null check otherwise.
 */
export function setBlockRenderObserver(next: BlockRenderObserver | null): void {
  observer = next;
}

export function notifyBlockRender(text: string, variant: BlockVariant): void {
  observer?.(text, variant);
}
