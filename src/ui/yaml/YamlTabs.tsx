import { useRef, type KeyboardEvent } from 'react';
import type { YamlTab } from '../store/store';
import type { YamlFile } from './yaml-files';

export const TAB_PANEL_ID = 'yaml-tabpanel';
export const tabId = (tab: YamlTab) => `yaml-tab-${tab}`;

/** The files as tabs: arrow keys move between them (and show them), Tab leaves the list. */
export function YamlTabs({ files, shown, onSelect }: { files: readonly YamlFile[]; shown: YamlTab; onSelect: (tab: YamlTab) => void }) {
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent) => {
    const index = files.findIndex((f) => f.tab === shown);
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: files.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const tab = files[(next + files.length) % files.length].tab;
    onSelect(tab);
    list.current?.querySelector<HTMLElement>(`#${tabId(tab)}`)?.focus();
  };
  return (
    <div ref={list} role="tablist" aria-label="YAML files" className="yaml-tabs" onKeyDown={onKeyDown}>
      {files.map((f) => (
        <button
          key={f.tab}
          type="button"
          role="tab"
          id={tabId(f.tab)}
          aria-selected={f.tab === shown}
          aria-controls={TAB_PANEL_ID}
          tabIndex={f.tab === shown ? 0 : -1}
          onClick={() => onSelect(f.tab)}
        >
          {f.label}
        </button>
      ))}
    </div>
  );
}
