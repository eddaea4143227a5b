import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import type { ModelEndpoint } from '../../../../common/endpoints-types';
import { formatAppError, type ShownError } from '../../../shared/i18n/error-text';
import { useActions } from '../../app-context';
import { localeOf } from '../../format/format-intl';
import { formatUsd } from '../../format/usd';

type Load =
  | { state: 'loading' }
  // Main's error itself, worded when shown: an error on screen follows a language switch.
  | { state: 'failed'; error: ShownError }
  | { state: 'done'; endpoints: readonly ModelEndpoint[] };

/**
 * The providers serving one model (`/models/{id}/endpoints`): price, context, quantization and
 * uptime, with buttons to prefer or refuse each, so providers are picked rather than typed.
 */
export function ModelEndpointsTable({
  modelId,
  modelName,
  onPrefer,
  onIgnore,
}: {
  modelId: string;
  modelName: string;
  onPrefer(slug: string): void;
  onIgnore(slug: string): void;
}) {
  const intl = useIntl();
  const locale = localeOf(intl);
  const text = (id: string) => intl.formatMessage({ id });
  const price = (value: number | null) => (value === null ? '—' : formatUsd(value, locale));
  const model = modelName;
  const actions = useActions();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    setLoad({ state: 'loading' });
    void actions.requestOptions.listEndpoints(modelId).then((result) => {
      if (!live) return;
      setLoad(
        result.ok ? { state: 'done', endpoints: result.value } : { state: 'failed', error: result.error },
      );
    });
    return () => {
      live = false;
    };
  }, [actions, modelId]);
  if (load.state === 'loading')
    return <p role="status">{intl.formatMessage({ id: 'requestControls.endpoints.loading' }, { model })}</p>;
  if (load.state === 'failed')
    return (
      <p role="alert" className="field-error">
        {intl.formatMessage(
          { id: 'requestControls.endpoints.failed' },
          {
            model,
            error: formatAppError(intl, load.error),
          },
        )}
      </p>
    );
  if (load.endpoints.length === 0)
    return <p>{intl.formatMessage({ id: 'requestControls.endpoints.none' }, { model })}</p>;
  return (
    <div className="endpoints-table-wrap">
      <table className="endpoints-table">
        <caption>{intl.formatMessage({ id: 'requestControls.endpoints.caption' }, { model })}</caption>
        <thead>
          <tr>
            <th scope="col">{text('requestControls.endpoints.provider')}</th>
            <th scope="col">{text('requestControls.endpoints.price')}</th>
            <th scope="col">{text('requestControls.endpoints.context')}</th>
            <th scope="col">{text('requestControls.endpoints.quantization')}</th>
            <th scope="col">{text('requestControls.endpoints.uptime')}</th>
            <th scope="col">{text('requestControls.endpoints.use')}</th>
          </tr>
        </thead>
        <tbody>
          {load.endpoints.map((e) => (
            <tr key={`${e.providerName}|${e.tag ?? ''}|${e.quantization ?? ''}`}>
              {/* A provider's name is the same in every language. */}
              <th scope="row" translate="no">
                {e.providerName}
              </th>
              <td>
                {price(e.promptPricePerMTok)} / {price(e.completionPricePerMTok)}
              </td>
              <td>{e.contextLength === null ? '—' : intl.formatNumber(e.contextLength)}</td>
              <td translate="no">{e.quantization ?? '—'}</td>
              <td>
                {intl.formatMessage(
                  { id: 'requestControls.endpoints.uptimeValue' },
                  {
                    status: e.status !== null && e.status < 0 ? 'down' : 'up',
                    uptime:
                      e.uptimeLast30m === null
                        ? '—'
                        : intl.formatNumber(e.uptimeLast30m / 100, {
                            style: 'percent',
                            minimumFractionDigits: 1,
                            maximumFractionDigits: 1,
                          }),
                  },
                )}
              </td>
              <td>
                {e.tag === null ? (
                  text('requestControls.endpoints.noSlug')
                ) : (
                  <>
                    <button
                      type="button"
                      className="button-quiet"
                      aria-label={intl.formatMessage(
                        { id: 'requestControls.endpoints.preferLabel' },
                        { provider: e.providerName },
                      )}
                      onClick={() => e.tag !== null && onPrefer(e.tag)}
                    >
                      {text('requestControls.endpoints.prefer')}
                    </button>
                    <button
                      type="button"
                      className="button-quiet"
                      aria-label={intl.formatMessage(
                        { id: 'requestControls.endpoints.neverLabel' },
                        { provider: e.providerName },
                      )}
                      onClick={() => e.tag !== null && onIgnore(e.tag)}
                    >
                      {text('requestControls.endpoints.never')}
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Adds a slug to a list once (prefer = order, refuse = ignore), keeping what was there. */
export function withSlug(list: readonly string[] | undefined, slug: string): string[] {
  const current = list ?? [];
  return current.includes(slug) ? [...current] : [...current, slug];
}
