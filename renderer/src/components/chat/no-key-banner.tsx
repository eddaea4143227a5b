import { useIntl } from 'react-intl';
import type { KeyStatus } from '../../../../common/key-status';
import { useActions } from '../../app-context';
import { KeyOriginPaused } from '../onboarding/key-origin-paused';

/**
 * Over an open conversation when there is no usable key: history stays readable, the start screen is
 * a click away. A key held back for another origin is explained in full (it is not "no key").
 */
export function NoKeyBanner({ status }: { status: KeyStatus }) {
  const actions = useActions();
  const intl = useIntl();
  return (
    <div className="banner">
      {status.state === 'origin-mismatch' ? (
        <KeyOriginPaused status={status} />
      ) : (
        <p>{intl.formatMessage({ id: 'chat.noKey.message' })}</p>
      )}
      <button type="button" onClick={() => actions.navigation.newChat()}>
        {intl.formatMessage({ id: 'chat.noKey.showHow' })}
      </button>
    </div>
  );
}
