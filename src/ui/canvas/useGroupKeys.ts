import { useEffect, type RefObject } from 'react';
import { isShortcut } from '../shortcuts/table';

/**
 * With a group's node focused, `-` collapses it and `+` (or `=`) expands it; its button does the
 * same for a click or Enter. React Flow's own node keys (Enter selects, arrows move) stay as they are.
 */
export function useGroupKeys(region: RefObject<HTMLElement | null>, toggle: (path: string, expand?: boolean) => void) {
  useEffect(() => {
    const element = region.current;
    if (!element) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const expand = isShortcut(event, 'expand-group') ? true : isShortcut(event, 'collapse-group') ? false : undefined;
      if (expand === undefined || !(event.target instanceof HTMLElement) || !event.target.classList.contains('react-flow__node')) return;
      const id = event.target.getAttribute('data-id');
      if (id === null || !event.target.querySelector('.group-toggle')) return;
      event.preventDefault();
      toggle(id, expand);
    };
    element.addEventListener('keydown', onKeyDown);
    return () => element.removeEventListener('keydown', onKeyDown);
  }, [region, toggle]);
}
