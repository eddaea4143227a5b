import { memo } from 'react';
import { useIntl } from 'react-intl';

interface FavouriteToggleProps {
  modelId: string;
  modelName: string;
  favourite: boolean;
  top: number;
  onToggle: (modelId: string) => void;
}

/**
 * The star beside a model row. It sits outside the listbox: an option may not contain controls,
 * and a listbox may only contain options.
 */
export const FavouriteToggle = memo(function FavouriteToggle(props: FavouriteToggleProps) {
  const { modelId, modelName, favourite, top, onToggle } = props;
  const intl = useIntl();
  return (
    <button
      type="button"
      className={favourite ? 'favourite-toggle on' : 'favourite-toggle'}
      aria-label={intl.formatMessage({ id: 'modelPicker.favourite' }, { model: modelName })}
      aria-pressed={favourite}
      style={{ top }}
      onClick={() => onToggle(modelId)}
    >
      <span aria-hidden="true">{favourite ? '★' : '☆'}</span>
    </button>
  );
});
