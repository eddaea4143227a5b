import { useEffect, useRef, useState } from 'react';
import type { CostEstimate } from '../../../common/spending-types';
import { useActions } from '../app-context';

/** Long enough to skip most keystrokes of a word, short enough to follow the person's typing. */
export const ESTIMATE_DEBOUNCE_MS = 250;

export interface EstimateInput {
  conversationId: string | null;
  model: string | null;
  draft: string;
  webSearch: boolean;
  /** Staged attachments by sha256 (issue 17). */
  attachments: readonly string[];
  /** False for free models without web search, and with nothing typed: no estimate is asked for. */
  enabled: boolean;
}

/**
 * The cost estimate for what is in the composer, asked of main once typing pauses. Typing never waits
 * for it: each keystroke only restarts a timer, and an answer that a newer request superseded is
 * dropped, so a slow estimate never overwrites a newer one.
 */
export function useCostEstimate({
  conversationId,
  model,
  draft,
  webSearch,
  attachments,
  enabled,
}: EstimateInput) {
  const actions = useActions();
  const [estimate, setEstimate] = useState<CostEstimate | null>(null);
  const latest = useRef(0);
  // A new array each render: the effect follows its contents.
  const attached = attachments.join(',');

  useEffect(() => {
    const request = ++latest.current;
    if (!enabled || model === null) {
      setEstimate(null);
      return;
    }
    const timer = setTimeout(() => {
      const input = {
        conversationId,
        model,
        draft,
        webSearch,
        attachments: attached === '' ? [] : attached.split(','),
      };
      void actions.spending.estimate(input).then((result) => {
        if (request !== latest.current) return;
        setEstimate(result.ok ? result.value : null);
      });
    }, ESTIMATE_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [actions, conversationId, model, draft, webSearch, attached, enabled]);

  return estimate;
}
