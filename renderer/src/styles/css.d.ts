// Stylesheets are imported for their side effect; Vite bundles them (CSP allows only 'self' styles).
declare module '*.css';
