import { KEY_ENTRY_BRIDGE_KEY } from '../../common/ipc/bridge-types';
import { keyEntryContract } from '../../common/ipc/contract';
import { installHarnessBridge } from './page-transport';
import { KEY_WINDOW_TOKEN_PARAM } from './ws-protocol';

/** Substituted by the harness when it serves this script: the key-entry socket's URL, without any token. */
declare const __HARNESS_WS_URL__: string;

// The harness's stand-in for preload/key-entry.ts: submit and cancel, nothing else. The socket's
// credential is the one-time token main minted when it "opened" this window; it arrives in the URL
// fragment (never sent to the server, never in anything the server serves) and is removed from the
// address before the page's own script runs. A page opened without one gets a bridge that main refuses.
const fragment = new URLSearchParams(location.hash.slice(1));
const token = fragment.get(KEY_WINDOW_TOKEN_PARAM) ?? '';
if (location.hash) history.replaceState(history.state, '', `${location.pathname}${location.search}`);
const socketUrl = new URL(__HARNESS_WS_URL__);
socketUrl.searchParams.set('token', token);
installHarnessBridge(KEY_ENTRY_BRIDGE_KEY, keyEntryContract, socketUrl.href);
