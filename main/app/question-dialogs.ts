import { ENGLISH_TEXT, type MainText } from '../services/i18n/catalog-intl';
import type { MainQuestion } from './questions';

/**
 * The words and buttons of each main-process question (questions.ts), as options for Electron's
 * `dialog.showMessageBox`. Pure, so every question's wording and its safe default are unit-tested;
 * the glue (main/index.ts) only shows it. `defaultId` (Enter) and `cancelId` (Esc, closing the
 * dialog; docs/api/dialog.md, showMessageBox `cancelId`) are always the safe "no" button, and only
 * `yesId` counts as yes.
 */
export interface QuestionDialog {
  options: {
    type: 'warning' | 'question';
    title: string;
    message: string;
    detail: string;
    buttons: string[];
    defaultId: number;
    cancelId: number;
    /** Windows: plain buttons, not command links that put the yes button first. */
    noLink: true;
  };
  /** The index of the only button that answers yes. */
  yesId: number;
}

const NO = 0;
const YES = 1;

/**
 * The dialog for `question` in `text`'s language: main calls this as it shows the box, so a language
 * switch applies to the next question asked.
 */
export function questionDialog(question: MainQuestion, text: MainText = ENGLISH_TEXT): QuestionDialog {
  const t = text.message;
  const labelled = (label: string | null, preview: string) =>
    label ? t('dialogs.replaceKey.labelled', { label, preview }) : preview;
  switch (question.kind) {
    case 'send-key-to-origin': {
      const { keyOrigin, launchOrigin } = question;
      return {
        yesId: YES,
        options: {
          type: 'warning',
          title: t('dialogs.sendKey.title'),
          message: t('dialogs.sendKey.message', { launchOrigin }),
          detail: t('dialogs.sendKey.detail', { keyOrigin, launchOrigin }),
          buttons: [t('dialogs.sendKey.dontSend'), t('dialogs.sendKey.send', { launchOrigin })],
          defaultId: NO,
          cancelId: NO,
          noLink: true,
        },
      };
    }
    case 'replace-key': {
      const current = labelled(question.currentLabel, question.currentPreview);
      const next = labelled(question.newLabel, question.newPreview);
      return {
        yesId: YES,
        options: {
          type: 'question',
          title: t('dialogs.replaceKey.title'),
          message: t('dialogs.replaceKey.message'),
          detail: t('dialogs.replaceKey.detail', { next, current }),
          buttons: [t('dialogs.replaceKey.keep'), t('dialogs.replaceKey.replace')],
          defaultId: NO,
          cancelId: NO,
          noLink: true,
        },
      };
    }
  }
}
