/**
 * Questions main asks the person in a main-process dialog (never in a renderer, which may be
 * compromised). The app answers them with `dialog.showMessageBox`; the browser harness answers with
 * configurable defaults (`HarnessAnswers`). Every question's safe answer is `false`, and a dialog that
 * is dismissed (Esc, closed) answers `false`.
 */
export type MainQuestion =
  /**
   * The stored key was verified against `keyOrigin`, but this launch points main at `launchOrigin`
   * (`--openrouter-base-url` or the environment). True sends the key there for this session.
   */
  | { kind: 'send-key-to-origin'; keyOrigin: string; launchOrigin: string }
  /**
   * A sign-in produced a new key while one is already kept. Labels come from `GET /key` (never the
   * key); `currentPreview`/`newPreview` are masked previews. True replaces the current key.
   */
  | {
      kind: 'replace-key';
      currentLabel: string | null;
      currentPreview: string;
      newLabel: string | null;
      newPreview: string;
    };

export type MainQuestionKind = MainQuestion['kind'];

/** Asks the person; resolves `true` only on an explicit yes. `windowId` parents the dialog. */
export type AskPerson = (question: MainQuestion, windowId: number | null) => Promise<boolean>;
