import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge } from '../common/ipc/bridge';
import { CHAT_BRIDGE_KEY } from '../common/ipc/bridge-types';
import { chatContract } from '../common/ipc/contract';
import { ipcRendererTransport } from './ipc-renderer-transport';

// The chat window's whole view of main: the named functions of the chat contract, nothing else.
contextBridge.exposeInMainWorld(
  CHAT_BRIDGE_KEY,
  buildBridge(chatContract, ipcRendererTransport(ipcRenderer)),
);
