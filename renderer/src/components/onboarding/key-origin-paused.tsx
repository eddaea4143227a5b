import { useIntl } from 'react-intl';
import type { KeyStatus } from '../../../../common/key-status';
import { englishIntl } from '../../format/format-intl';

export type OriginMismatch = Extract<KeyStatus, { state: 'origin-mismatch' }>;

/** Beside the composer while chat is paused this way (short: the explanation is above it). */
export function pausedReasonMessage(status: OriginMismatch): { id: string; values: { origin: string } } {
  return { id: 'onboarding.paused.reason', values: { origin: status.launchOrigin } };
}

/**
 * The same sentence, formatted: in `intl`'s language, English when not given (the composer passes its
 * `useIntl()`'s once it is converted; until then it keeps its English).
 */
export function pausedReason(status: OriginMismatch, intl = englishIntl()): string {
  const { id, values } = pausedReasonMessage(status);
  return intl.formatMessage({ id }, values);
}

/** A command-line flag, variable, origin or key preview: the same in every language. */
const code = (text: string) => <code translate="no">{text}</code>;

/**
 * Why chat is paused when the saved key was verified with another OpenRouter address than this
 * launch points at, and the two ways out. Main has already asked the person whether to send the key
 * there (a dialog of its own, which this window can neither show nor answer) and they did not agree;
 * so this offers no "send anyway" button.
 */
export function KeyOriginPaused({ status }: { status: OriginMismatch }) {
  const intl = useIntl();
  return (
    <section
      className="onboarding-problem"
      aria-label={intl.formatMessage({ id: 'onboarding.paused.label' })}
    >
      <p>
        {intl.formatMessage(
          { id: 'onboarding.paused.explanation' },
          {
            strong: (chunks) => <strong>{chunks}</strong>,
            preview: code(status.preview),
            keyOrigin: code(status.keyOrigin),
            launchOrigin: code(status.launchOrigin),
            flag: code('--openrouter-base-url'),
            variable: code('SWITCHBOARD_OPENROUTER_BASE_URL'),
          },
        )}
      </p>
      <p>{intl.formatMessage({ id: 'onboarding.paused.either' })}</p>
      <ul>
        <li>
          {intl.formatMessage(
            { id: 'onboarding.paused.addKey' },
            { launchOrigin: code(status.launchOrigin) },
          )}
        </li>
        <li>
          {intl.formatMessage({ id: 'onboarding.paused.restart' }, { keyOrigin: code(status.keyOrigin) })}
        </li>
      </ul>
    </section>
  );
}
