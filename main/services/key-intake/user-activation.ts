/**
 * "Did the person really just click or press a key in this window?", answered from input main saw
 * itself. The app's glue feeds it from each window's `webContents` 'input-event' (Electron 45
 * docs/api/web-contents.md, "Event: 'input-event'": "Emitted when an input event is sent to the
 * WebContents"; shell/browser/api/electron_api_web_contents.cc `WebContents::OnInputEvent`, a
 * `RenderWidgetHost` input observer). Those events travel from the OS through the browser process to
 * the renderer, so a script in the page cannot produce one (`dispatchEvent` and `element.click()` stay
 * inside the renderer); `before-input-event` would see keyboard input only.
 *
 * Each activation allows one request (it is consumed), within a short time, like Chromium's
 * transient user activation: an injected script cannot keep asking after a single click. What counts
 * follows Blink's activation-triggering input: a mouse press or release, a key press other than
 * Escape, a tap. A key *release* does not count: after Enter on the button has been used up by its
 * request, the release would otherwise arm another read nobody asked for.
 */

/** Input types (Electron's InputEvent `type`) that mean the person acted, not merely moved over the page. */
const ACTIVATING_INPUT_TYPES: ReadonlySet<string> = new Set([
  'mouseDown',
  'mouseUp',
  'rawKeyDown',
  'keyDown',
  'touchEnd',
  'gestureTap',
]);

/** Keys that dismiss rather than act (Blink: "not the Esc key"). */
const NON_ACTIVATING_KEYS: ReadonlySet<string> = new Set(['Escape']);

/** How long after the click or key press a request still counts as following it. */
export const USER_ACTIVATION_WINDOW_MS = 5_000;

export interface UserActivationTracker {
  /**
   * The glue reports every input event a window received: its `webContents.id`, the event type and,
   * for keyboard events, the DOM `key` (Electron's converter sets it at runtime,
   * shell/common/gin_converters/blink_converter.cc `Converter<blink::WebKeyboardEvent>::ToV8`).
   */
  noteInput(windowId: number, type: string, key?: string): void;
  /** True at most once per activation, within `USER_ACTIVATION_WINDOW_MS` of it. */
  consume(windowId: number): boolean;
  /** The window closed. */
  forget(windowId: number): void;
}

export function createUserActivationTracker(
  options: { now?: () => number; windowMs?: number } = {},
): UserActivationTracker {
  const now = options.now ?? (() => performance.now());
  const windowMs = options.windowMs ?? USER_ACTIVATION_WINDOW_MS;
  const last = new Map<number, number>();
  return {
    noteInput(windowId, type, key) {
      if (!ACTIVATING_INPUT_TYPES.has(type)) return;
      if (key !== undefined && NON_ACTIVATING_KEYS.has(key)) return;
      last.set(windowId, now());
    },
    consume(windowId) {
      const at = last.get(windowId);
      last.delete(windowId);
      if (at === undefined) return false;
      const elapsed = now() - at;
      return elapsed >= 0 && elapsed <= windowMs;
    },
    forget(windowId) {
      last.delete(windowId);
    },
  };
}
