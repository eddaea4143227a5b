import { CHAT_BRIDGE_KEY } from '../../common/ipc/bridge-types';
import { chatContract } from '../../common/ipc/contract';
import { installHarnessBridge } from './page-transport';
import { CHAT_TOKEN_PARAM } from './ws-protocol';

/** Substituted by the harness when it serves this script: the chat socket's URL, without any token. */
declare const __HARNESS_WS_URL__: string;

// The harness's stand-in for preload/chat.ts: the same bridge from the same contract, over a WebSocket.
// The socket's credential is the per-run token the harness handed to the driver in the page's URL
// fragment (never sent to the server, never in anything it serves). It is left in the address, so a
// reload reconnects without the page keeping it anywhere (no web storage); the page could read it, but
// it grants nothing the bridge does not. A page opened without it gets a bridge that main refuses.
const token = new URLSearchParams(location.hash.slice(1)).get(CHAT_TOKEN_PARAM) ?? '';
if (!token) {
  console.error(
    `Switchboard harness: this address has no #${CHAT_TOKEN_PARAM}=…, so the page cannot reach main. Open the full URL the harness printed.`,
  );
}
const socketUrl = new URL(__HARNESS_WS_URL__);
socketUrl.searchParams.set('token', token);
installHarnessBridge(CHAT_BRIDGE_KEY, chatContract, socketUrl.href);
