// The page imports the renderer through a Vite alias (see run.ts) instead of a
// relative path: tsconfig.e2e.json, which type-checks bench/, has no JSX
// support, so it must not pull the renderer's .tsx modules into its program.
// These declarations mirror renderer/src/markdown/index.ts.
declare module 'bench-markdown' {
  import type { JSX } from 'react';

  export interface MarkdownViewProps {
    source: string;
    streaming: boolean;
    onLinkClick: (href: string) => void;
    className?: string;
  }
  export function MarkdownView(props: MarkdownViewProps): JSX.Element;

  export interface StaticMarkdownProps {
    source: string;
    onLinkClick: (href: string) => void;
  }
  export function StaticMarkdown(props: StaticMarkdownProps): JSX.Element;
}

// The app's catalogs provider (renderer/shared/i18n/app-intl-provider.tsx), through the same kind of alias.
declare module 'bench-intl' {
  import type { JSX, ReactNode } from 'react';

  export function AppIntlProvider(props: { locale: 'en'; children?: ReactNode }): JSX.Element;
}
