import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge } from '../common/ipc/bridge';
import { KEY_ENTRY_BRIDGE_KEY } from '../common/ipc/bridge-types';
import { keyEntryContract } from '../common/ipc/contract';
import { ipcRendererTransport } from './ipc-renderer-transport';

// The key-entry window can submit a key or cancel. Nothing else: no chat, no models, no events.
contextBridge.exposeInMainWorld(
  KEY_ENTRY_BRIDGE_KEY,
  buildBridge(keyEntryContract, ipcRendererTransport(ipcRenderer)),
);
