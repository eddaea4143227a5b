import { CHAT_BRIDGE_KEY } from '../../common/ipc/bridge-types';
import { chatContract } from '../../common/ipc/contract';
import { installHarnessBridge } from './page-transport';

/** Substituted by the harness when it serves this script: the chat socket's URL with the per-run token. */
declare const __HARNESS_WS_URL__: string;

// The harness's stand-in for preload/chat.ts: the same bridge from the same contract, over a WebSocket.
installHarnessBridge(CHAT_BRIDGE_KEY, chatContract, __HARNESS_WS_URL__);
