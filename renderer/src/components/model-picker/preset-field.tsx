import { useId, useState } from 'react';
import { ModelIdSchema } from '../../../../common/request-options';

/** Reads "@preset/slug" or a bare "slug" as an OpenRouter preset id, or says what is wrong. */
export function parsePreset(text: string): { ok: true; id: string } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'Enter the name of one of your OpenRouter presets.' };
  const id = trimmed.startsWith('@preset/') ? trimmed : `@preset/${trimmed}`;
  const parsed = ModelIdSchema.safeParse(id);
  if (!parsed.success || !id.startsWith('@preset/')) {
    return {
      ok: false,
      message:
        'A preset name uses letters, digits, dots, dashes and underscores, such as "@preset/my-coder".',
    };
  }
  return { ok: true, id };
}

/**
 * An OpenRouter preset (`@preset/slug`, made at openrouter.ai/settings/presets) used as the model:
 * the preset's own model, provider and parameters then apply.
 */
export function PresetField({ onUse }: { onUse(modelId: string): void }) {
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const use = () => {
    const parsed = parsePreset(text);
    if (parsed.ok) onUse(parsed.id);
    else setError(parsed.message);
  };
  return (
    <div className="preset-field">
      <label htmlFor={id}>Use a preset</label>
      <input
        id={id}
        type="text"
        placeholder="@preset/name"
        spellCheck={false}
        autoComplete="off"
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          setText(e.currentTarget.value);
          setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          e.stopPropagation();
          use();
        }}
      />
      <button type="button" className="button-quiet" onClick={use}>
        Use preset
      </button>
      {error && (
        <p id={`${id}-error`} role="alert" className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
