import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import type { NamedText } from './classify';
import { matchNestedFiles } from './nested-files';
import { readFiles } from './run-import';
import { ownValue } from '../../core/own';

const YAML_TYPES = '.yaml,.yml,text/yaml,application/yaml,application/x-yaml';

interface Props {
  missing: readonly string[];
  chosen: Readonly<Record<string, NamedText>>;
  busy: boolean;
  /** More files for missing paths; the import runs again once every path has one. */
  onChoose: (files: Record<string, NamedText>) => void;
  onSkip: () => void;
}

/**
 * The pipeline runs other dag files (`dag_definition`) that were not among the files: one picker
 * per missing path (any file name will do), or several files at once, matched by name.
 */
export function NestedFilesPrompt({ missing, chosen, busy, onChoose, onSkip }: Props) {
  const [leftOver, setLeftOver] = useState<string[]>([]);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    first.current?.scrollIntoView({ block: 'nearest' });
    first.current?.focus();
  }, [missing]);
  const read = (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    return readFiles(files);
  };
  const chooseOne = (path: string) => (event: ChangeEvent<HTMLInputElement>) =>
    void read(event).then(([file]) => {
      if (file) onChoose({ [path]: file });
    });
  const chooseSeveral = (event: ChangeEvent<HTMLInputElement>) =>
    void read(event).then((files) => {
      const { matched, unmatched } = matchNestedFiles(missing, files);
      setLeftOver(unmatched.map((f) => f.name));
      if (Object.keys(matched).length > 0) onChoose(matched);
    });

  return (
    <section className="import-section import-nested" aria-label="Nested dag files">
      <h3>Nested dag files</h3>
      <p className="import-hint">
        This pipeline runs other dag files that were not among the files. Choose them to see their steps on the canvas, check them and emit them; the pipeline
        is imported once each has a file.
      </p>
      <ul className="nested-list">
        {missing.map((path, index) => (
          <li key={path}>
            <label className="import-field">
              Choose file for {path}
              <input ref={index === 0 ? first : undefined} type="file" accept={YAML_TYPES} onChange={chooseOne(path)} disabled={busy} />
            </label>
            {ownValue(chosen, path) && <span className="nested-chosen">✓ {ownValue(chosen, path)!.name}</span>}
          </li>
        ))}
      </ul>
      <label className="import-field">
        Choose several nested files (matched by file name)
        <input type="file" multiple accept={YAML_TYPES} onChange={chooseSeveral} disabled={busy} />
      </label>
      <p role="status" className="import-hint">
        {leftOver.length > 0 ? `${leftOver.join(', ')} ${leftOver.length === 1 ? 'matches' : 'match'} none of the missing files.` : ''}
      </p>
      <button type="button" onClick={onSkip} disabled={busy}>
        Import without them
      </button>
    </section>
  );
}
