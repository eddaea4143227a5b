import { Fragment, useRef } from 'react';
import { useIntl } from 'react-intl';
import { useActions, useStores } from '../../app-context';
import { useStoreValue } from '../../hooks/use-store-value';
import { Dialog } from '../dialog';
import { BackupsSection } from './backups-section';
import { DefaultModelField } from './default-model-field';
import { KeySection } from './key-section';
import { LanguageSection } from './language-section';
import { MaxTokensField } from './max-tokens-field';
import { PdfReadingSection } from './pdf-reading-section';
import { ProvidersSection } from './providers-section';
import { ReasoningDefaultsSection } from './reasoning-defaults-section';
import { SpendingSection } from './spending-section';
import { StoredProblems } from './stored-problems';
import { SystemPromptField } from './system-prompt-field';
import { TemperatureField } from './temperature-field';
import { ThemeField } from './theme-field';
import { UpdatesSection } from './updates-section';
import { WebSearchSection } from './web-search-section';

/** Settings (Ctrl/Cmd+,). Every field saves on change through main, which validates it. */
export function SettingsDialog({ inert }: { inert: boolean }) {
  const stores = useStores();
  const actions = useActions();
  const settings = useStoreValue(stores.settings);
  const { settingsSection } = useStoreValue(stores.dialogs);
  // After a whole restore the fields holding a draft start again from the restored settings.
  const restores = useStoreValue(actions.backups.restores);
  const spendingRef = useRef<HTMLInputElement>(null);
  const intl = useIntl();
  return (
    <Dialog
      title={intl.formatMessage({ id: 'settings.title' })}
      onClose={() => actions.dialogs.closeSettings()}
      inert={inert}
      initialFocusRef={settingsSection === 'spending' ? spendingRef : undefined}
      className="settings"
    >
      <div className="dialog-body">
        <StoredProblems />
        <KeySection />
        <Fragment key={restores}>
          <section className="settings-section" aria-labelledby="settings-chat-heading">
            <h3 id="settings-chat-heading">{intl.formatMessage({ id: 'settings.chat.heading' })}</h3>
            {settings ? (
              <>
                <DefaultModelField value={settings.defaultModel} />
                <SystemPromptField value={settings.systemPrompt} />
                <TemperatureField value={settings.temperature} />
                <MaxTokensField value={settings.maxTokens} />
              </>
            ) : (
              <p>{intl.formatMessage({ id: 'settings.loading' })}</p>
            )}
          </section>
          {settings && <ReasoningDefaultsSection value={settings.reasoningByModel} />}
          {settings && <WebSearchSection value={settings.webSearch} />}
          {settings && <PdfReadingSection value={settings.pdfEngine} />}
          {settings && <SpendingSection value={settings.spending} firstFieldRef={spendingRef} />}
          <ProvidersSection />
        </Fragment>
        <BackupsSection />
        {settings && <UpdatesSection automatic={settings.checkForUpdatesAutomatically} />}
        {settings && <LanguageSection value={settings.language} />}
        <section className="settings-section" aria-labelledby="settings-look-heading">
          <h3 id="settings-look-heading">{intl.formatMessage({ id: 'settings.appearance.heading' })}</h3>
          <ThemeField theme={settings?.theme ?? 'system'} />
        </section>
      </div>
    </Dialog>
  );
}
