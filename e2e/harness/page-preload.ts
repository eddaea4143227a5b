import { CHAT_BRIDGE_KEY } from '../../common/ipc/bridge-types';
import { chatContract } from '../../common/ipc/contract';
import { installHarnessBridge } from './page-transport';

// The harness's stand-in for preload/chat.ts: the same bridge from the same contract, over a WebSocket.
installHarnessBridge(CHAT_BRIDGE_KEY, chatContract);
