import type { MouseEvent } from 'react';
import { useIntl } from 'react-intl';
import type { Citation } from '../../../../common/chat-types';
import { useActions } from '../../app-context';
import { toLinkTarget } from '../../markdown/links';

/**
 * The web sources a reply cites, numbered as OpenRouter numbered them (the reply's [1], [2] refer to
 * these). Links go through main like every other link: it asks the person, then opens https only.
 */
export function CitationList({ citations }: { citations: readonly Citation[] }) {
  const actions = useActions();
  const intl = useIntl();
  if (citations.length === 0) return null;
  return (
    <section className="reply-sources" aria-label={intl.formatMessage({ id: 'messages.sources' })}>
      <h3 className="reply-sources-heading">{intl.formatMessage({ id: 'messages.sources' })}</h3>
      <ol>
        {citations.map((citation, index) => {
          // Main keeps only https URLs; checked again here so nothing else is ever made clickable.
          const target = toLinkTarget(citation.url);
          const title = citation.title.trim() || citation.host;
          const host = <span className="reply-source-host"> — {citation.host}</span>;
          const open = (event: MouseEvent<HTMLAnchorElement>) => {
            event.preventDefault();
            if (target) void actions.links.open(target.href);
          };
          return (
            // Citations never change order once the reply is complete, so the position is a stable key.
            // biome-ignore lint/suspicious/noArrayIndexKey: the same URL may be cited twice.
            <li key={index} data-i18n-content>
              {target ? (
                <a
                  href={target.href}
                  title={target.href}
                  rel="noopener noreferrer"
                  onClick={open}
                  onAuxClick={(event) => event.preventDefault()}
                >
                  {title}
                  {host}
                </a>
              ) : (
                <span>
                  {title}
                  {host}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
