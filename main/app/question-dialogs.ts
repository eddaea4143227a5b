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

function labelled(label: string | null, preview: string): string {
  return label ? `“${label}” (${preview})` : preview;
}

export function questionDialog(question: MainQuestion): QuestionDialog {
  switch (question.kind) {
    case 'send-key-to-origin': {
      const { keyOrigin, launchOrigin } = question;
      return {
        yesId: YES,
        options: {
          type: 'warning',
          title: 'Send your OpenRouter key to another address?',
          message: `Send your saved OpenRouter key to ${launchOrigin}?`,
          detail: [
            `Your key was checked with ${keyOrigin}. This time Switchboard was started pointed at ${launchOrigin} (the --openrouter-base-url setting or the SWITCHBOARD_OPENROUTER_BASE_URL variable).`,
            `Send it only if you set this up yourself, for example a proxy you trust: whoever runs ${launchOrigin} can use your key and spend your credits.`,
            `If you don't, chat stays paused: add a key for ${launchOrigin}, or quit and start Switchboard without that setting. Your answer holds until Switchboard quits.`,
          ].join('\n\n'),
          buttons: ["Don't send", `Send key to ${launchOrigin}`],
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
          title: 'Replace your OpenRouter key?',
          message: 'Replace the key Switchboard keeps with the one you just signed in for?',
          detail: `New key: ${next}.\nKey it replaces: ${current}.\n\nIf you keep the current key, the new one is not saved; you can delete it on openrouter.ai/settings/keys.`,
          buttons: ['Keep current key', 'Replace key'],
          defaultId: NO,
          cancelId: NO,
          noLink: true,
        },
      };
    }
  }
}
