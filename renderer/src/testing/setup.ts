import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => cleanup());

// jsdom has no layout and no Element.scrollBy; the virtualized list calls it when it keeps its place
// after older messages are prepended.
if (!Element.prototype.scrollBy) {
  Element.prototype.scrollBy = function scrollBy() {};
}
