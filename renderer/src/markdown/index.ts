export { MarkdownView, type MarkdownViewProps } from './MarkdownView';
export { ReasoningView, type ReasoningViewProps } from './ReasoningView';
export { StaticMarkdown, type StaticMarkdownProps } from './StaticMarkdown';
export { UserText, type UserTextProps } from './UserText';
