import { useEffect, useState } from 'react';
import type { ModelEndpoint } from '../../../../common/endpoints-types';
import { useActions } from '../../app-context';
import { formatUsd } from '../../format/usd';

type Load =
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  | { state: 'done'; endpoints: readonly ModelEndpoint[] };

const price = (value: number | null) => (value === null ? '—' : formatUsd(value));

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
  const actions = useActions();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    setLoad({ state: 'loading' });
    void actions.requestOptions.listEndpoints(modelId).then((result) => {
      if (!live) return;
      setLoad(
        result.ok
          ? { state: 'done', endpoints: result.value }
          : { state: 'failed', message: result.error.message },
      );
    });
    return () => {
      live = false;
    };
  }, [actions, modelId]);
  const caption = `Providers serving ${modelName}`;
  if (load.state === 'loading') return <p role="status">Loading the providers serving {modelName}…</p>;
  if (load.state === 'failed')
    return (
      <p role="alert" className="field-error">
        Could not list the providers serving {modelName}: {load.message}
      </p>
    );
  if (load.endpoints.length === 0) return <p>OpenRouter lists no providers for {modelName}.</p>;
  return (
    <div className="endpoints-table-wrap">
      <table className="endpoints-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Provider</th>
            <th scope="col">Price per M tokens (in / out)</th>
            <th scope="col">Context</th>
            <th scope="col">Quantization</th>
            <th scope="col">Uptime (30 min)</th>
            <th scope="col">Use</th>
          </tr>
        </thead>
        <tbody>
          {load.endpoints.map((e) => (
            <tr key={`${e.providerName}|${e.tag ?? ''}|${e.quantization ?? ''}`}>
              <th scope="row">{e.providerName}</th>
              <td>
                {price(e.promptPricePerMTok)} / {price(e.completionPricePerMTok)}
              </td>
              <td>{e.contextLength === null ? '—' : e.contextLength.toLocaleString('en-US')}</td>
              <td>{e.quantization ?? '—'}</td>
              <td>
                {e.status !== null && e.status < 0 ? 'Degraded or down; ' : ''}
                {e.uptimeLast30m === null ? '—' : `${e.uptimeLast30m.toFixed(1)}%`}
              </td>
              <td>
                {e.tag === null ? (
                  'No slug given'
                ) : (
                  <>
                    <button
                      type="button"
                      className="button-quiet"
                      aria-label={`Prefer ${e.providerName}`}
                      onClick={() => e.tag !== null && onPrefer(e.tag)}
                    >
                      Prefer
                    </button>
                    <button
                      type="button"
                      className="button-quiet"
                      aria-label={`Never use ${e.providerName}`}
                      onClick={() => e.tag !== null && onIgnore(e.tag)}
                    >
                      Never use
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
