import type { KeyStatus } from '../../../../common/key-status';

export type OriginMismatch = Extract<KeyStatus, { state: 'origin-mismatch' }>;

/** Beside the composer while chat is paused this way (short: the explanation is above it). */
export function pausedReason(status: OriginMismatch): string {
  return `Chat is paused: your saved key is not sent to ${status.launchOrigin}`;
}

/**
 * Why chat is paused when the saved key was verified with another OpenRouter address than this
 * launch points at, and the two ways out. Main has already asked the person whether to send the key
 * there (a dialog of its own, which this window can neither show nor answer) and they did not agree;
 * so this offers no "send anyway" button.
 */
export function KeyOriginPaused({ status }: { status: OriginMismatch }) {
  return (
    <section className="onboarding-problem" aria-label="Chat is paused">
      <p>
        <strong>Chat is paused.</strong> Your saved key (<code>{status.preview}</code>) was checked with{' '}
        <code>{status.keyOrigin}</code>, but Switchboard was started pointed at{' '}
        <code>{status.launchOrigin}</code> (the <code>--openrouter-base-url</code> setting or the{' '}
        <code>SWITCHBOARD_OPENROUTER_BASE_URL</code> variable), so it has not sent your key there.
      </p>
      <p>To chat again, either:</p>
      <ul>
        <li>
          add a key for <code>{status.launchOrigin}</code> (it replaces the saved key), or
        </li>
        <li>
          quit and start Switchboard without that setting, to use your saved key with{' '}
          <code>{status.keyOrigin}</code> again.
        </li>
      </ul>
    </section>
  );
}
