// Preloaded into Switchboard's main process by the Electron suite (e2e/electron/key-origin.spec.ts),
// never shipped. It plays the person in main's message boxes from the very start: a question main asks
// while starting up (a stored key for another OpenRouter origin) would otherwise be a real dialog
// that nothing can click, or arrive before `electronApp.evaluate` could stub it.
//
// How it gets there: `electron -r <this file> .` — Electron's default app (the unpackaged `electron`
// binary running an app folder) reads `-r`/`--require` before the app path and preloads those modules
// with `Module._preloadModules` before it loads the app (default_app/main.ts, "Set up preload modules"
// and `loadApplicationPackage`); Playwright's own Electron loader arrives the same way. By then
// `require('electron')` works: default_app itself imports 'electron/main'.
//
// SWITCHBOARD_E2E_MESSAGE_BOX_ANSWER: `yes` clicks the button that is not `cancelId`; anything else
// answers as Esc would (`cancelId`). Every box is recorded in `globalThis.e2eMessageBoxes` (read with
// `electronApp.evaluate`), without its owner window.
'use strict';

const { dialog } = require('electron');

const answer = process.env.SWITCHBOARD_E2E_MESSAGE_BOX_ANSWER === 'yes' ? 'yes' : 'cancel';
const seen = [];
globalThis.e2eMessageBoxes = seen;

dialog.showMessageBox = async (...args) => {
  const options = args[args.length - 1] ?? {};
  const buttons = Array.isArray(options.buttons) ? options.buttons : [];
  const cancelId = typeof options.cancelId === 'number' ? options.cancelId : 0;
  seen.push({
    hasOwner: args.length > 1,
    type: options.type,
    message: options.message,
    detail: options.detail,
    buttons,
    defaultId: options.defaultId,
    cancelId: options.cancelId,
  });
  const yes = buttons.findIndex((_label, index) => index !== cancelId);
  return { response: answer === 'yes' && yes >= 0 ? yes : cancelId, checkboxChecked: false };
};
