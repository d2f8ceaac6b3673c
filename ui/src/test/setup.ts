import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';

// jsdom has no layout; CodeMirror measures text through these.
if (typeof Range !== 'undefined') {
  const emptyRects = () => {
    const list = [] as unknown as DOMRectList;
    (list as unknown as { item: (index: number) => null }).item = () => null;
    return list;
  };
  Range.prototype.getClientRects ??= emptyRects;
  Range.prototype.getBoundingClientRect ??= () => new DOMRect(0, 0, 0, 0);
}

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
  window.localStorage.clear();
  window.location.hash = '';
});
