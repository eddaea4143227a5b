import {
  type KeyboardEvent,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useIntl } from 'react-intl';
import { errorNote, formatAppError } from '../../../shared/i18n/error-text';
import { useActions, useStores } from '../../app-context';
import { useFixedRowWindow } from '../../hooks/use-fixed-row-window';
import { useStoreValue } from '../../hooks/use-store-value';
import type { PickerPurpose } from '../../state/dialogs-store';
import { Dialog } from '../dialog';
import { FavouriteToggle } from './favourite-toggle';
import { type InputModality, type PriceFilter, pickerEntries } from './filter-models';
import { ModelDetailsPanel } from './model-details-panel';
import { ModelFilters } from './model-filters';
import { ModelOption } from './model-option';
import { PresetField } from './preset-field';

/** Fixed so the list can be windowed by arithmetic; matches `.model-option` in picker.css. */
const ROW_HEIGHT = 64;
const PAGE_ROWS = 8;
const NO_FAVOURITES: readonly string[] = [];

/** The model picker (Ctrl/Cmd+K): search, filters, favourites, full keyboard use. */
export function ModelPickerDialog({ purpose }: { purpose: PickerPurpose }) {
  const intl = useIntl();
  const text = (id: string) => intl.formatMessage({ id });
  const stores = useStores();
  const actions = useActions();
  const models = useStoreValue(stores.models);
  const settings = useStoreValue(stores.settings);
  const chosen = useStoreValue(stores.modelChoice);
  const compare = useStoreValue(stores.compare);
  const currentId =
    purpose === 'chat'
      ? chosen
      : purpose === 'default-model'
        ? (settings?.defaultModel ?? null)
        : purpose === 'compare'
          ? (compare.columns.find((c) => c.key === compare.pickingColumn)?.model ?? null)
          : null;
  const favourites = settings?.favouriteModels ?? NO_FAVOURITES;
  const recent = settings?.recentModels ?? NO_FAVOURITES;

  const [query, setQuery] = useState('');
  const [modalities, setModalities] = useState<InputModality[]>([]);
  const [price, setPrice] = useState<PriceFilter>('all');
  const [active, setActive] = useState(0);
  const searchRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const optionId = (index: number) => `${listId}-option-${index}`;

  const entries = useMemo(
    () => pickerEntries(models.list?.models ?? [], { query, modalities, price }, favourites, recent),
    [models.list, query, modalities, price, favourites, recent],
  );
  const win = useFixedRowWindow({ count: entries.length, rowHeight: ROW_HEIGHT });
  const { resetScroll, scrollToIndex } = win;

  // The picker opens on the current model, scrolled into view, so its details show at once. It keeps
  // following it (the list may still be loading, the viewport still being measured, a star may reorder
  // the rows) until the person moves the highlight or searches; from then on the highlight is theirs.
  const followCurrent = useRef(true);
  const currentIndex = useMemo(
    () => (currentId === null ? -1 : entries.findIndex((entry) => entry.model.id === currentId)),
    [entries, currentId],
  );
  useLayoutEffect(() => {
    if (!followCurrent.current || currentIndex < 0) return;
    setActive(currentIndex);
    scrollToIndex(currentIndex);
  }, [currentIndex, scrollToIndex]);
  const highlight = useCallback((index: number) => {
    followCurrent.current = false;
    setActive(index);
  }, []);

  // The list loads at startup; if that failed (offline, no cache yet), opening the picker tries again.
  useEffect(() => {
    const { list, loading } = stores.models.get();
    if (!list && !loading) void actions.models.loadList();
  }, [stores, actions]);

  // A new search or filter starts again from the top of the results.
  const refilter =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      highlight(0);
      resetScroll();
    };

  const close = useCallback(() => actions.dialogs.closePicker(), [actions]);

  const choose = useCallback(
    (modelId: string) => {
      if (purpose === 'chat') actions.models.choose(modelId);
      else if (purpose === 'compare') actions.compare.choosePicked(modelId);
      else if (purpose === 'fallback-model')
        void actions.requestOptions.addFallback(stores.conversations.get().selectedId, modelId);
      else void actions.settings.update({ defaultModel: modelId });
      close();
    },
    [purpose, actions, stores, close],
  );

  const toggleFavourite = useCallback(
    async (modelId: string) => {
      const result = await actions.settings.toggleFavourite(modelId);
      if (!result.ok) actions.toasts.show(errorNote(result.error), { tone: 'error' });
    },
    [actions],
  );

  const moveTo = (index: number) => {
    if (entries.length === 0) return;
    const next = Math.max(0, Math.min(entries.length - 1, index));
    highlight(next);
    scrollToIndex(next);
  };

  const onSearchKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const moves: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      PageDown: active + PAGE_ROWS,
      PageUp: active - PAGE_ROWS,
    };
    const target = moves[e.key];
    if (target !== undefined) {
      e.preventDefault();
      moveTo(target);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const entry = entries[active];
      if (entry) choose(entry.model.id);
    }
  };

  const visible = entries.slice(win.start, win.end);
  return (
    <Dialog
      title={text('modelPicker.title')}
      onClose={close}
      initialFocusRef={searchRef}
      className="model-picker"
    >
      {purpose === 'default-model' && <p className="dialog-intro">{text('modelPicker.defaultIntro')}</p>}
      {purpose === 'fallback-model' && <p className="dialog-intro">{text('modelPicker.fallbackIntro')}</p>}
      {purpose === 'chat' && <PresetField onUse={choose} />}
      {models.list?.stale && (
        <p className="notice" role="status">
          {text('modelPicker.offline')}
        </p>
      )}
      <input
        ref={searchRef}
        type="search"
        className="picker-search"
        aria-label={text('modelPicker.search')}
        placeholder={text('modelPicker.searchPlaceholder')}
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(e) => refilter(setQuery)(e.currentTarget.value)}
        onKeyDown={onSearchKeyDown}
        aria-controls={listId}
        aria-activedescendant={entries[active] ? optionId(active) : undefined}
      />
      <ModelFilters
        modalities={modalities}
        onModalitiesChange={refilter(setModalities)}
        price={price}
        onPriceChange={refilter(setPrice)}
      />
      <div className="picker-status">
        <p aria-live="polite">
          {models.list ? intl.formatMessage({ id: 'modelPicker.count' }, { count: entries.length }) : null}
          {!models.list && models.loading ? text('modelPicker.loading') : null}
        </p>
        <button
          type="button"
          className="button-quiet"
          disabled={models.loading}
          onClick={() => void actions.models.loadList({ refresh: true })}
        >
          {text('modelPicker.refresh')}
        </button>
      </div>
      {models.error && (
        <p role="alert">
          {intl.formatMessage(
            { id: 'modelPicker.loadFailed' },
            { error: formatAppError(intl, models.error) },
          )}
        </p>
      )}
      <div className="model-scroller" ref={win.scrollerRef} onScroll={win.onScroll}>
        <div className="model-canvas" style={{ height: win.totalHeight }}>
          <div
            role="listbox"
            id={listId}
            aria-label={text('modelPicker.listLabel')}
            className="model-listbox"
          >
            {visible.map((entry, offset) => {
              const index = win.start + offset;
              return (
                <ModelOption
                  key={entry.model.id}
                  id={optionId(index)}
                  entry={entry}
                  index={index}
                  setSize={entries.length}
                  top={index * ROW_HEIGHT}
                  active={index === active}
                  current={entry.model.id === currentId}
                  onChoose={choose}
                  onHover={highlight}
                />
              );
            })}
          </div>
          <div className="model-stars">
            {visible.map((entry, offset) => (
              <FavouriteToggle
                key={entry.model.id}
                modelId={entry.model.id}
                modelName={entry.model.name}
                favourite={entry.favourite}
                top={(win.start + offset) * ROW_HEIGHT}
                onToggle={toggleFavourite}
              />
            ))}
          </div>
        </div>
      </div>
      {/* The highlighted model's details; it follows the keyboard and the pointer. */}
      {entries[active] && <ModelDetailsPanel model={entries[active].model} />}
    </Dialog>
  );
}
