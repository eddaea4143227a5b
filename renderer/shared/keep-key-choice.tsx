import { useIntl } from 'react-intl';
import type { Persistence } from '../../common/key-status';

/**
 * "Keep the key": encrypted on this computer or for this session only, with the explicit opt-in the
 * vault requires when the only backend is Linux's `basic_text` (a fixed password any program can
 * undo). Shared by onboarding and the key-entry window so both ask the same question the same way.
 */
export function KeepKeyChoice(props: {
  persistence: Persistence;
  onPersistence: (p: Persistence) => void;
  canEncrypt: boolean;
  /** Only `basic_text` is available: encrypting needs `acceptWeak`. */
  weak: boolean;
  acceptWeak: boolean;
  onAcceptWeak: (accept: boolean) => void;
  /** Said after "Encrypted on this computer", e.g. the keyring's name. */
  encryptedDetail?: string;
  className?: string;
  hintClassName?: string;
}) {
  const { persistence, onPersistence, weak, acceptWeak, onAcceptWeak, encryptedDetail } = props;
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  return (
    <fieldset className={props.className}>
      <legend>{t('keyEntry.keep.legend')}</legend>
      <label>
        <input
          type="radio"
          name="persistence"
          checked={persistence === 'encrypted'}
          disabled={!props.canEncrypt}
          onChange={() => onPersistence('encrypted')}
        />
        {encryptedDetail
          ? t('keyEntry.keep.encryptedWith', { detail: encryptedDetail })
          : t('keyEntry.keep.encrypted')}
      </label>
      <label>
        <input
          type="radio"
          name="persistence"
          checked={persistence === 'session'}
          onChange={() => onPersistence('session')}
        />
        {t('keyEntry.keep.session')}
      </label>
      {weak && persistence === 'encrypted' && (
        <label className={props.hintClassName}>
          <input type="checkbox" checked={acceptWeak} onChange={(e) => onAcceptWeak(e.target.checked)} />
          {t('keyEntry.keep.acceptWeak')}
        </label>
      )}
    </fieldset>
  );
}
