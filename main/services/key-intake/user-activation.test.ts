import { describe, expect, it } from 'vitest';
import { createUserActivationTracker, USER_ACTIVATION_WINDOW_MS } from './user-activation';

function setup() {
  let time = 1_000_000;
  const tracker = createUserActivationTracker({ now: () => time });
  return {
    tracker,
    advance(ms: number) {
      time += ms;
    },
  };
}

describe('user activation (real input main saw in a window)', () => {
  it.each(['mouseDown', 'mouseUp', 'keyDown', 'rawKeyDown', 'touchEnd', 'gestureTap'])(
    'a %s grants one request in that window, shortly after',
    (type) => {
      const { tracker, advance } = setup();
      tracker.noteInput(7, type);
      advance(USER_ACTIVATION_WINDOW_MS - 1);
      expect(tracker.consume(7)).toBe(true);
      // Used up: a second request needs another click or key press.
      expect(tracker.consume(7)).toBe(false);
    },
  );

  it('expires after five seconds', () => {
    const { tracker, advance } = setup();
    expect(USER_ACTIVATION_WINDOW_MS).toBe(5_000);
    tracker.noteInput(7, 'mouseUp');
    advance(USER_ACTIVATION_WINDOW_MS + 1);
    expect(tracker.consume(7)).toBe(false);
  });

  it.each(['mouseMove', 'mouseEnter', 'mouseWheel', 'gestureScrollUpdate', 'char', 'keyUp', 'undefined'])(
    'a %s is not an activation (moving over the page is not asking for anything)',
    (type) => {
      const { tracker } = setup();
      tracker.noteInput(7, type);
      expect(tracker.consume(7)).toBe(false);
    },
  );

  it('Escape is not an activation; Enter is', () => {
    const { tracker } = setup();
    tracker.noteInput(7, 'rawKeyDown', 'Escape');
    expect(tracker.consume(7)).toBe(false);
    tracker.noteInput(7, 'rawKeyDown', 'Enter');
    expect(tracker.consume(7)).toBe(true);
  });

  it('Enter on the button: its release does not arm a second read', () => {
    const { tracker } = setup();
    tracker.noteInput(7, 'rawKeyDown', 'Enter');
    expect(tracker.consume(7)).toBe(true);
    tracker.noteInput(7, 'char', 'Enter');
    tracker.noteInput(7, 'keyUp', 'Enter');
    expect(tracker.consume(7)).toBe(false);
  });

  it('belongs to the window that saw it', () => {
    const { tracker } = setup();
    tracker.noteInput(7, 'mouseUp');
    expect(tracker.consume(8)).toBe(false);
    expect(tracker.consume(7)).toBe(true);
  });

  it('nothing without input, and nothing after the window is forgotten', () => {
    const { tracker } = setup();
    expect(tracker.consume(7)).toBe(false);
    tracker.noteInput(7, 'keyDown');
    tracker.forget(7);
    expect(tracker.consume(7)).toBe(false);
  });

  it('a clock that went backwards does not stretch the window', () => {
    const { tracker, advance } = setup();
    tracker.noteInput(7, 'mouseUp');
    advance(-60_000);
    expect(tracker.consume(7)).toBe(false);
  });
});
