import { Suspense, type ReactNode } from 'react';
import { useFirstPaintDone } from './first-paint';

/**
 * A part the first paint of the pipeline does not need: its (lazily loaded) children are rendered
 * once the canvas has drawn the steps (first-paint.ts); until they are there, the placeholder keeps
 * their place, so nothing moves when they arrive.
 */
export function AfterFirstPaint({ placeholder = null, children }: { placeholder?: ReactNode; children: ReactNode }) {
  return useFirstPaintDone() ? <Suspense fallback={placeholder}>{children}</Suspense> : placeholder;
}
