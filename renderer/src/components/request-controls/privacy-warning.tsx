import { useIntl } from 'react-intl';
import { useActions } from '../../app-context';

/** Where the account's privacy and provider settings live on openrouter.ai. */
export const PRIVACY_SETTINGS_URL = 'https://openrouter.ai/settings/privacy';

/**
 * Said before sending when the account's own list (`/models/user`) does not include the chosen model:
 * OpenRouter would refuse it ("No endpoints found matching your data policy"). Quiet when the list is
 * unknown (the key may not ask) or the model is a preset, which the list never names.
 */
export function PrivacyWarning({
  modelId,
  modelName,
  accountModelIds,
}: {
  modelId: string | null;
  modelName: string;
  accountModelIds: readonly string[] | null;
}) {
  const intl = useIntl();
  const actions = useActions();
  if (accountModelIds === null || modelId === null || modelId.startsWith('@preset/')) return null;
  if (accountModelIds.includes(modelId)) return null;
  return (
    <p className="composer-privacy-warning" role="status">
      {intl.formatMessage(
        { id: 'requestControls.privacy.warning' },
        {
          model: modelName,
          link: (chunks) => (
            <a
              href={PRIVACY_SETTINGS_URL}
              onClick={(e) => {
                e.preventDefault();
                void actions.links.open(PRIVACY_SETTINGS_URL);
              }}
            >
              {chunks}
            </a>
          ),
        },
      )}
    </p>
  );
}
