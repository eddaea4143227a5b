/**
 * A fake `electron` module (and `electron-store`) for running the real glue (main/index.ts and
 * main/electron/*) in plain Node, where no Electron binary exists. It records what the glue did: notable
 * calls in order, the windows and web contents it made, the scheme, protocol, permission, session and
 * IPC handlers it registered, what it opened in the shell, the message boxes and file dialogs it showed
 * (with the window each was modal to), what it loaded and sent, and what electron-store wrote.
 *
 * Use it from a test as a module mock; the factory must hand back the same fake each time it runs
 * (it runs again after `vi.resetModules()`), so create the fake once at the top of the test file:
 *
 *   const fake = createFakeElectron();
 *   vi.mock('electron', () => ({ ...fake.module, default: fake.module }));
 *   vi.mock('electron-store', () => ({ default: fake.FakeStore }));
 *
 * `vi.mock` is hoisted above the file's code, but its factory runs only when `electron` is first
 * imported (the test's `import('../index')`), by which time `fake` exists. This file imports nothing,
 * so loading it can never load `electron` itself.
 */

type Listener = (...args: unknown[]) => unknown;

/** A fresh fake Electron; see the file comment for how a test mocks `electron` with it. */
export function createFakeElectron() {
  class Emitter {
    readonly listeners = new Map<string, Listener[]>();
    on(name: string, fn: Listener) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), fn]);
      return this;
    }
    once(name: string, fn: Listener) {
      return this.on(name, fn);
    }
    emit(name: string, ...args: unknown[]) {
      for (const fn of this.listeners.get(name) ?? []) fn(...args);
    }
    count(name: string) {
      return (this.listeners.get(name) ?? []).length;
    }
  }

  const state = {
    /** Notable calls, in order. */
    calls: [] as string[],
    lock: true,
    readyResolve: (() => undefined) as () => void,
    paths: new Map<string, string>(),
    windows: [] as FakeWindow[],
    contents: new Map<number, FakeWebContents>(),
    privileged: [] as unknown[],
    protocolHandlers: new Map<string, (req: { url: string }) => Promise<Response>>(),
    permission: {} as Record<string, Listener>,
    /** Listeners main added to the default session (`will-download`). */
    sessionListeners: new Map<string, Listener[]>(),
    isPackaged: false,
    /** Chromium command-line switches main appended (before ready). */
    switches: new Map<string, string | undefined>(),
    dictionaryUrl: null as string | null,
    /** process.env.OPENROUTER_API_KEY right after the module loaded, before `ready`. */
    envKeyBeforeReady: undefined as string | undefined,
    errorBoxes: [] as string[],
    networkBlock: null as { urls: string[]; listener: Listener } | null,
    ipcHandlers: new Map<string, Listener>(),
    shellOpened: [] as string[],
    messageBoxes: [] as Array<{ detail?: string }>,
    /** The window each message box was modal to (null: none), in order. */
    messageBoxOwners: [] as unknown[],
    /** Each file dialog's window (null: none) and options, in order. */
    fileDialogs: [] as Array<{ kind: 'save' | 'open'; owner: unknown; options: Record<string, unknown> }>,
    messageBoxResponse: 1,
    clipboard: '',
    loads: [] as string[],
    onLoad: null as null | ((url: string) => void),
    onQuit: null as null | (() => void),
    envKeyAtFirstWindow: 'unset' as string | undefined,
    sent: [] as Array<{ id: number; channel: string; payload: unknown }>,
  };

  let nextId = 100;
  class FakeWebContents extends Emitter {
    readonly id = nextId++;
    readonly mainFrame: { parent: null; url: string };
    windowOpenHandler: Listener | null = null;
    constructor(url = '') {
      super();
      this.mainFrame = { parent: null, url };
      state.contents.set(this.id, this);
    }
    setWindowOpenHandler(fn: Listener) {
      this.windowOpenHandler = fn;
    }
    send(channel: string, payload: unknown) {
      state.sent.push({ id: this.id, channel, payload });
    }
    isDestroyed() {
      return false;
    }
  }

  class FakeWindow extends Emitter {
    readonly webContents = new FakeWebContents();
    constructor(readonly options: Record<string, unknown>) {
      super();
      state.calls.push('new BrowserWindow');
      if (state.windows.length === 0) state.envKeyAtFirstWindow = process.env.OPENROUTER_API_KEY;
      state.windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    async loadURL(url: string) {
      state.loads.push(url);
      this.webContents.mainFrame.url = url;
      state.onLoad?.(url);
    }
    show() {}
    focus() {}
    close() {}
    maximize() {}
    isMinimized() {
      return false;
    }
    isMaximized() {
      return false;
    }
    getNormalBounds() {
      return { x: 0, y: 0, width: 1200, height: 820 };
    }
    static getAllWindows() {
      return [...state.windows];
    }
    static fromWebContents(contents: unknown) {
      return state.windows.find((w) => w.webContents === contents) ?? null;
    }
  }

  const app = Object.assign(new Emitter(), {
    setPath(name: string, value: string) {
      state.calls.push(`setPath:${name}`);
      state.paths.set(name, value);
    },
    getPath(name: string) {
      return state.paths.get(name) ?? state.paths.get('userData') ?? '/nonexistent';
    },
    requestSingleInstanceLock() {
      state.calls.push('requestSingleInstanceLock');
      return state.lock;
    },
    whenReady() {
      state.calls.push('whenReady');
      return new Promise<void>((resolve) => {
        state.readyResolve = resolve;
      });
    },
    quit() {
      state.calls.push('quit');
      state.onQuit?.();
    },
    exit(code: number) {
      state.calls.push(`exit:${code}`);
    },
    getName: () => 'Switchboard',
    getVersion: () => '0.0.0-glue',
    commandLine: {
      appendSwitch(name: string, value?: string) {
        state.calls.push(`appendSwitch:${name}`);
        state.switches.set(name, value);
      },
    },
  });
  Object.defineProperty(app, 'isPackaged', { get: () => state.isPackaged });
  const originalOn = app.on.bind(app);
  app.on = (name: string, fn: Listener) => {
    state.calls.push(`app.on:${name}`);
    return originalOn(name, fn);
  };

  const module = {
    app,
    BrowserWindow: FakeWindow,
    webContents: { fromId: (id: number) => state.contents.get(id) },
    protocol: {
      registerSchemesAsPrivileged(schemes: unknown[]) {
        state.calls.push('registerSchemesAsPrivileged');
        state.privileged.push(...schemes);
      },
      handle(scheme: string, handler: (req: { url: string }) => Promise<Response>) {
        state.calls.push(`protocol.handle:${scheme}`);
        state.protocolHandlers.set(scheme, handler);
      },
    },
    session: {
      defaultSession: {
        setSpellCheckerDictionaryDownloadURL(url: string) {
          state.calls.push('setSpellCheckerDictionaryDownloadURL');
          state.dictionaryUrl = url;
        },
        setPermissionRequestHandler(fn: Listener) {
          state.calls.push('setPermissionRequestHandler');
          state.permission.request = fn;
        },
        setPermissionCheckHandler(fn: Listener) {
          state.calls.push('setPermissionCheckHandler');
          state.permission.check = fn;
        },
        setDevicePermissionHandler(fn: Listener) {
          state.permission.device = fn;
        },
        on(name: string, fn: Listener) {
          state.calls.push(`session.on:${name}`);
          state.sessionListeners.set(name, [...(state.sessionListeners.get(name) ?? []), fn]);
        },
        webRequest: {
          onBeforeRequest(filter: { urls: string[] }, fn: Listener) {
            state.calls.push('webRequest.onBeforeRequest');
            state.networkBlock = { urls: filter.urls, listener: fn };
          },
        },
      },
    },
    ipcMain: {
      handle(channel: string, fn: Listener) {
        state.ipcHandlers.set(channel, fn);
      },
      removeHandler(channel: string) {
        state.ipcHandlers.delete(channel);
      },
    },
    shell: {
      async openExternal(url: string) {
        state.shellOpened.push(url);
      },
    },
    dialog: {
      showErrorBox(title: string, content: string) {
        state.calls.push(`showErrorBox:${title}`);
        state.errorBoxes.push(content);
      },
      async showMessageBox(...args: unknown[]) {
        const options = args[args.length - 1] as { detail?: string };
        state.messageBoxes.push(options);
        state.messageBoxOwners.push(args.length > 1 ? args[0] : null);
        return { response: state.messageBoxResponse };
      },
      async showSaveDialog(...args: unknown[]) {
        const options = args[args.length - 1] as Record<string, unknown>;
        state.fileDialogs.push({ kind: 'save', owner: args.length > 1 ? args[0] : null, options });
        return { canceled: true };
      },
      async showOpenDialog(...args: unknown[]) {
        const options = args[args.length - 1] as Record<string, unknown>;
        state.fileDialogs.push({ kind: 'open', owner: args.length > 1 ? args[0] : null, options });
        return { canceled: true, filePaths: [] };
      },
    },
    clipboard: {
      readText: () => state.clipboard,
      clear() {
        state.clipboard = '';
      },
    },
    safeStorage: {
      isAsyncEncryptionAvailable: async () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      // A stand-in for the OS: reversible, but never the plaintext or its base64.
      async encryptStringAsync(text: string) {
        return Buffer.from(Buffer.from(text, 'utf8').map((b) => b ^ 0x5a));
      },
      async decryptStringAsync(data: Buffer) {
        return { result: Buffer.from(data.map((b) => b ^ 0x5a)).toString('utf8'), shouldReEncrypt: false };
      },
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    Menu: { setApplicationMenu() {}, buildFromTemplate: (t: unknown) => t },
    nativeTheme: new Emitter(),
  };

  /** What electron-store wrote: the vault record, as the app's electron-store would hold it. */
  const storeData = new Map<string, unknown>();
  class FakeStore {
    constructor(readonly options: unknown) {}
    get(key: string) {
      return storeData.get(key);
    }
    set(key: string, value: unknown) {
      storeData.set(key, JSON.parse(JSON.stringify(value)));
    }
    delete(key: string) {
      storeData.delete(key);
    }
  }

  return { state, module, FakeWebContents, FakeStore, storeData };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
