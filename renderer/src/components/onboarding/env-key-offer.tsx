import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import type { KeyChoice, KeyStored } from '../../../../common/key-intake-types';
import type { ShownError } from '../../../shared/i18n/error-text';
import { useActions } from '../../app-context';

/** The variable main reads the key from (main/electron), the same in every language. */
const ENV_VARIABLE = 'OPENROUTER_API_KEY';

/**
 * `OPENROUTER_API_KEY` was set when Switchboard started. Main holds it; this shows only a masked
 * preview and asks how to use it. Nothing is kept until the person chooses.
 */
export function EnvKeyOffer(props: {
  choice: KeyChoice;
  onSaved: (stored: KeyStored) => void;
  /** Main's error itself: the start screen words it, again when the language switches. */
  onError: (error: ShownError) => void;
}) {
  const intl = useIntl();
  const { addKey } = useActions();
  const [preview, setPreview] = useState<string | null>(null);
  useEffect(() => {
    void addKey.envKeyOffer().then((r) => r.ok && setPreview(r.value?.preview ?? null));
  }, [addKey]);
  if (!preview) return null;

  const accept = async (persistence: KeyChoice['persistence']) => {
    const result = await addKey.acceptEnvKey({ ...props.choice, persistence });
    if (!result.ok) {
      props.onError(result.error);
      // Main drops an offer whose key was rejected; keep showing it only if it is still on offer.
      const still = await addKey.envKeyOffer();
      setPreview(still.ok ? (still.value?.preview ?? null) : null);
    } else props.onSaved(result.value);
  };
  return (
    <section className="env-offer" aria-label={intl.formatMessage({ id: 'onboarding.envOffer.label' })}>
      <p>
        {intl.formatMessage(
          { id: 'onboarding.envOffer.text' },
          {
            // A variable's name is the same in every language.
            variable: <code translate="no">{ENV_VARIABLE}</code>,
            preview: <span>{preview}</span>,
          },
        )}
      </p>
      <div className="button-row">
        <button type="button" onClick={() => void accept('session')}>
          {intl.formatMessage({ id: 'onboarding.envOffer.session' })}
        </button>
        <button type="button" onClick={() => void accept('encrypted')}>
          {intl.formatMessage({ id: 'onboarding.envOffer.encrypted' })}
        </button>
        <button type="button" onClick={() => void addKey.dismissEnvKey().then(() => setPreview(null))}>
          {intl.formatMessage({ id: 'onboarding.envOffer.ignore' })}
        </button>
      </div>
    </section>
  );
}
