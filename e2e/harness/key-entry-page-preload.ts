import { KEY_ENTRY_BRIDGE_KEY } from '../../common/ipc/bridge-types';
import { keyEntryContract } from '../../common/ipc/contract';
import { installHarnessBridge } from './page-transport';

// The harness's stand-in for preload/key-entry.ts: submit and cancel, nothing else.
installHarnessBridge(KEY_ENTRY_BRIDGE_KEY, keyEntryContract);
