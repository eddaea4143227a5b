import { useId } from 'react';
import { useIntl } from 'react-intl';
import { INPUT_MODALITIES, type InputModality, type PriceFilter } from './filter-models';

const PRICE_FILTERS: readonly PriceFilter[] = ['all', 'free', 'paid'];

interface ModelFiltersProps {
  modalities: readonly InputModality[];
  onModalitiesChange: (next: InputModality[]) => void;
  price: PriceFilter;
  onPriceChange: (next: PriceFilter) => void;
}

/** Input-modality checkboxes and a free/paid choice. */
export function ModelFilters({ modalities, onModalitiesChange, price, onPriceChange }: ModelFiltersProps) {
  const intl = useIntl();
  const priceName = useId();
  const toggle = (modality: InputModality, on: boolean) =>
    onModalitiesChange(
      on
        ? INPUT_MODALITIES.filter((m) => m === modality || modalities.includes(m))
        : modalities.filter((m) => m !== modality),
    );
  return (
    <div className="picker-filters">
      <fieldset>
        <legend>{intl.formatMessage({ id: 'modelPicker.filters.accepts' })}</legend>
        {INPUT_MODALITIES.map((modality) => (
          <label key={modality} className="choice">
            <input
              type="checkbox"
              checked={modalities.includes(modality)}
              onChange={(e) => toggle(modality, e.currentTarget.checked)}
            />
            {intl.formatMessage({ id: 'modelPicker.filters.modality' }, { modality })}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{intl.formatMessage({ id: 'modelPicker.filters.price' })}</legend>
        {PRICE_FILTERS.map((value) => (
          <label key={value} className="choice">
            <input
              type="radio"
              name={priceName}
              value={value}
              checked={price === value}
              onChange={() => onPriceChange(value)}
            />
            {intl.formatMessage({ id: 'modelPicker.filters.priceChoice' }, { price: value })}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
