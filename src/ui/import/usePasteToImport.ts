import { useEffect, useRef } from 'react';
import { isTypingTarget } from '../common/typing-target';
import { looksLikeDag } from './looks-like-dag';

/** Ctrl+V of a magnus pipeline anywhere but in a text field (or an open dialog) offers to import it. */
export function usePasteToImport(onPipelineText: (text: string) => void) {
  const callback = useRef(onPipelineText);
  useEffect(() => {
    callback.current = onPipelineText;
  });
  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      if (isTypingTarget(event.target) || document.querySelector('dialog[open]')) return;
      const text = event.clipboardData?.getData('text/plain') ?? '';
      if (!looksLikeDag(text)) return;
      event.preventDefault();
      callback.current(text);
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, []);
}
