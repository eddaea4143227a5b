export { MarkdownView, type MarkdownViewProps } from './markdown-view';
export { ReasoningView, type ReasoningViewProps } from './reasoning-view';
export { StaticMarkdown, type StaticMarkdownProps } from './static-markdown';
export { UserText, type UserTextProps } from './user-text';
