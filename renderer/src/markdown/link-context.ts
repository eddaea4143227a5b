import { createContext } from 'react';

/** Stable click handler shared by every link in a view (so memoized blocks never depend on it). */
export const LinkClickContext = createContext<(href: string) => void>(() => {});

/** Set inside a link: an image placeholder there must not become a nested anchor. */
export const InsideLinkContext = createContext(false);
