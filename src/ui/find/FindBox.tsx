import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { focusStepNode } from '../shortcuts/focus-step';
import { useKeyboardUi } from '../shortcuts/ui-state';
import { useDesignerStore, usePipeline } from '../store/context';
import { cycleIndex, findSteps, type StepMatch } from './find';
import './find.css';

const describe = (m: StepMatch) => `${m.name} (${m.type})${m.within.length > 0 ? ` in ${m.within.join(' › ')}` : ''}`;

/**
 * Finds steps by name or command, at any depth. Enter (or ↓) selects the next match, Shift+Enter
 * (or ↑) the previous one; the canvas brings a selected step into view, expanding the groups it
 * is in. Escape closes the list and puts the focus on the step found.
 */
export function FindBox() {
  const store = useDesignerStore();
  const pipeline = usePipeline();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const matches = useMemo(() => findSteps(pipeline, query), [pipeline, query]);
  const current = active < matches.length ? active : -1;

  const findRequest = useKeyboardUi((s) => s.findRequest);
  useEffect(() => {
    if (findRequest === 0) return;
    input.current?.focus();
    input.current?.select();
    setOpen(true);
  }, [findRequest]);

  const go = (index: number) => {
    setActive(index);
    const match = matches[index];
    if (match) store.getState().select([match.path]);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const step = event.key === 'Enter' ? (event.shiftKey ? -1 : 1) : event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (step !== 0) {
      event.preventDefault();
      setOpen(true);
      go(cycleIndex(current, matches.length, step));
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setOpen(false);
      const found = matches[current];
      if (found) focusStepNode(found.path);
    }
  };

  const status = query.trim() === '' ? '' : matches.length === 0 ? `No step matches “${query.trim()}”` : current >= 0 ? `${current + 1} of ${matches.length}` : `${matches.length} found`;
  const showList = open && matches.length > 0;
  return (
    <div className="find-box">
      <input
        ref={input}
        type="search"
        role="combobox"
        aria-label="Find steps"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && current >= 0 ? `${listId}-${current}` : undefined}
        placeholder="Find steps…"
        title="Find steps by name or command (Ctrl+F)"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(-1);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
      />
      <span className="find-status" role="status" aria-live="polite">
        {status}
      </span>
      <ul id={listId} role="listbox" aria-label="Matching steps" className="find-results" hidden={!showList}>
        {matches.map((m, i) => (
          <li
            key={m.path}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === current}
            // Keeps the focus in the box, so the list stays open and Enter goes on from here.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => go(i)}
          >
            <span className="find-name">{describe(m)}</span>
            {m.command !== undefined && <span className="find-command">{m.command}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

