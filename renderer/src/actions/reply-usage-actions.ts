import type { SwitchboardBridge } from '../../../common/ipc/bridge-types';
import type { MessagesStore } from '../state/messages-store';

export interface ReplyUsageActionsDeps {
  bridge: Pick<SwitchboardBridge, 'onReplyUsage'>;
  messages: MessagesStore;
}

/**
 * A cancelled or dropped stream ends without usage; main fetches the final figures from OpenRouter
 * afterwards and announces them here, so the reply's usage line shows what the person paid.
 */
export function createReplyUsageActions(deps: ReplyUsageActionsDeps) {
  const { bridge, messages } = deps;
  return {
    listen(): () => void {
      return bridge.onReplyUsage(({ messageId, usage, provider }) => {
        messages.applyUsage(messageId, { usage, provider });
      });
    },
  };
}
