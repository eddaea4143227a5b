import { memo } from 'react';
import { useIntl } from 'react-intl';
import { localeOf } from '../../format/format-intl';
import { formatContextLength, formatModelPrice } from '../../format/model-details';
import type { PickerEntry } from './filter-models';
import { formatRetirementDay } from './retirement';

interface ModelOptionProps {
  id: string;
  entry: PickerEntry;
  index: number;
  setSize: number;
  top: number;
  active: boolean;
  current: boolean;
  onChoose: (modelId: string) => void;
  onHover: (index: number) => void;
}

/** One row of the model listbox; positioned absolutely because the list is windowed. */
export const ModelOption = memo(function ModelOption(props: ModelOptionProps) {
  const { id, entry, index, setSize, top, active, current, onChoose, onHover } = props;
  const { model } = entry;
  const intl = useIntl();
  const tags = [
    entry.favourite ? intl.formatMessage({ id: 'modelPicker.tag.favourite' }) : null,
    entry.recent ? intl.formatMessage({ id: 'modelPicker.tag.recent' }) : null,
    current ? intl.formatMessage({ id: 'modelPicker.tag.current' }) : null,
  ]
    .filter((t) => t !== null)
    .join(' · ');
  return (
    // Focus stays in the search box (aria-activedescendant); the keyboard path is there, not here.
    // biome-ignore lint/a11y/useKeyWithClickEvents: keys are handled by the search box that owns the active option.
    <div
      id={id}
      role="option"
      aria-selected={active}
      aria-posinset={index + 1}
      aria-setsize={setSize}
      // Reachable through the search box's aria-activedescendant, never by Tab.
      tabIndex={-1}
      className={active ? 'model-option active' : 'model-option'}
      style={{ top }}
      onMouseDown={(e) => e.preventDefault()}
      onMouseMove={() => onHover(index)}
      onClick={() => onChoose(model.id)}
    >
      <span className="model-option-line">
        <span className="model-name" data-i18n-content>
          {model.name}
        </span>
        <span className="model-price">{formatModelPrice(model, intl)}</span>
      </span>
      <span className="model-option-line model-option-meta">
        <span className="model-id">{model.id}</span>
        <span>{formatContextLength(model.contextLength, intl)}</span>
        {tags && <span className="model-tags">{tags}</span>}
        {/* Plain text inside the option, so it is part of the option's accessible name; on the meta
            line because rows have a fixed height (the list is windowed). */}
        {model.expirationDate && (
          <span className="model-retires">
            {intl.formatMessage(
              { id: 'modelPicker.retiresOn' },
              { day: formatRetirementDay(model.expirationDate, localeOf(intl)) },
            )}
          </span>
        )}
      </span>
    </div>
  );
});
