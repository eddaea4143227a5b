import { type JSX, type MouseEvent, type ReactNode, useContext } from 'react';
import { type HastElement, hastText } from './hast-text';
import { InsideLinkContext, LinkClickContext } from './link-context';
import { describeBlocked, textShowsTarget, toLinkTarget } from './links';

export interface SafeLinkProps {
  href?: string | undefined;
  node?: HastElement | undefined;
  children?: ReactNode;
}

/**
 * A link from model output. The browser never follows it: clicks go to
 * `onLinkClick` (main confirms, then opens https only). The target host is shown
 * next to the text whenever the text itself does not reveal where it leads.
 */
export function SafeLink({ href, node, children }: SafeLinkProps): JSX.Element {
  const onLinkClick = useContext(LinkClickContext);
  const target = toLinkTarget(href);
  if (target === null) {
    return (
      <span className="md-link-blocked" title={describeBlocked(href)}>
        {children}
      </span>
    );
  }
  const activate = (event: MouseEvent<HTMLAnchorElement>): void => {
    event.preventDefault();
    onLinkClick(target.href);
  };
  return (
    <a
      className="md-link"
      href={target.href}
      title={target.href}
      rel="noopener noreferrer"
      onClick={activate}
      // Middle click would open a window behind the app's back; swallow it.
      onAuxClick={(event) => event.preventDefault()}
    >
      <span className="md-link-text">
        <InsideLinkContext.Provider value={true}>{children}</InsideLinkContext.Provider>
      </span>
      {textShowsTarget(hastText(node), target) ? null : <HostHint display={target.display} />}
    </a>
  );
}

export interface ImagePlaceholderProps {
  src?: string | undefined;
  alt?: string | undefined;
}

/**
 * Remote images are never loaded (they would report the reader to trackers and
 * CSP blocks them anyway); a placeholder names the image and where it lives.
 */
export function ImagePlaceholder({ src, alt }: ImagePlaceholderProps): JSX.Element {
  const onLinkClick = useContext(LinkClickContext);
  const insideLink = useContext(InsideLinkContext);
  const target = toLinkTarget(src);
  const label = `[image: ${alt?.trim() || 'untitled'}]`;
  if (target === null || insideLink) {
    return (
      <span className="md-image" title={target?.href ?? describeBlocked(src)}>
        {label}
        {target === null ? null : <HostHint display={target.display} />}
      </span>
    );
  }
  return (
    <a
      className="md-link md-image"
      href={target.href}
      title={target.href}
      rel="noopener noreferrer"
      onClick={(event) => {
        event.preventDefault();
        onLinkClick(target.href);
      }}
      onAuxClick={(event) => event.preventDefault()}
    >
      <span className="md-link-text">{label}</span>
      <HostHint display={target.display} />
    </a>
  );
}

function HostHint({ display }: { display: string }): JSX.Element {
  // The separating space stays outside the span so copy/paste and accessible names read "text (host)".
  return (
    <>
      {' '}
      <span className="md-link-host">({display})</span>
    </>
  );
}
