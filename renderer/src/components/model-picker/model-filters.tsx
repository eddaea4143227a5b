import { useId } from 'react';
import { INPUT_MODALITIES, type InputModality, type PriceFilter } from './filter-models';

const MODALITY_LABELS: Record<InputModality, string> = {
  text: 'Text',
  image: 'Image',
  file: 'File',
  audio: 'Audio',
};

const PRICE_LABELS: Record<PriceFilter, string> = { all: 'All', free: 'Free', paid: 'Paid' };

interface ModelFiltersProps {
  modalities: readonly InputModality[];
  onModalitiesChange: (next: InputModality[]) => void;
  price: PriceFilter;
  onPriceChange: (next: PriceFilter) => void;
}

/** Input-modality checkboxes and a free/paid choice. */
export function ModelFilters({ modalities, onModalitiesChange, price, onPriceChange }: ModelFiltersProps) {
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
        <legend>Accepts</legend>
        {INPUT_MODALITIES.map((modality) => (
          <label key={modality} className="choice">
            <input
              type="checkbox"
              checked={modalities.includes(modality)}
              onChange={(e) => toggle(modality, e.currentTarget.checked)}
            />
            {MODALITY_LABELS[modality]}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Price</legend>
        {(Object.keys(PRICE_LABELS) as PriceFilter[]).map((value) => (
          <label key={value} className="choice">
            <input
              type="radio"
              name={priceName}
              value={value}
              checked={price === value}
              onChange={() => onPriceChange(value)}
            />
            {PRICE_LABELS[value]}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
