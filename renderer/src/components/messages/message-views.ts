/**
 * The message views and everything only they need (the Markdown pipeline: micromark, highlight.js,
 * KaTeX) — one chunk of its own (lazy/deferred-views.ts), out of the entry bundle: the entry runs
 * without parsing ~1 MB of it, and main.tsx loads it while waiting for main's first answer.
 */
export { AssistantMessage } from './assistant-message';
export { UserMessage } from './user-message';
