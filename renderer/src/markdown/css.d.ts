// Side-effect stylesheet imports (this folder's CSS and KaTeX's); Vite bundles them.
declare module '*.css';
