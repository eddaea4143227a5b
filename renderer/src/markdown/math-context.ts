import { createContext } from 'react';

/**
 * 'render' typesets display math; 'source' shows it as TeX, used while a `$$`
 * block in the streaming tail is still open (half-written TeX only produces errors).
 */
export const DisplayMathContext = createContext<'render' | 'source'>('render');
