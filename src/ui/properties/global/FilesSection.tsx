import type { Diagnostic } from '../../../core/diagnostics';
import { setFiles } from '../../../core/model/settings-actions';
import type { ImageFiles, Pipeline } from '../../../core/model/types';
import { fieldId } from '../../forms/field-id';
import { diagnosticsFor } from '../../forms/field-messages';
import { useFieldEditor } from '../../forms/hooks';
import { TextField } from '../../forms/TextField';

const FILES: { key: keyof ImageFiles; label: string; placeholder: string; hint: string }[] = [
  { key: 'dag', label: 'Dag file path', placeholder: 'pipelines/pipeline.yaml', hint: 'the pipeline definition (magnus execute --file)' },
  { key: 'config', label: 'Config file path', placeholder: 'none', hint: 'optional; the magnus config with the executor (--config-file)' },
  { key: 'parameters', label: 'Parameters file path', placeholder: 'none', hint: 'optional; the initial parameters (--parameters-file)' },
];

/** The magnus files as the containers see them. */
export function FilesSection({ pipeline, diagnostics }: { pipeline: Pipeline; diagnostics: readonly Diagnostic[] }) {
  const { commit, end } = useFieldEditor(undefined);
  return (
    <fieldset id={fieldId(undefined, 'files')} tabIndex={-1} className="section" aria-describedby={fieldId(undefined, 'files') + '-hint'}>
      <legend>Files inside the image</legend>
      <p id={fieldId(undefined, 'files') + '-hint'} className="field-hint">
        every step's command names these files; they must exist at this path in the image
      </p>
      {FILES.map(({ key, label, placeholder, hint }) => (
        <TextField
          key={key}
          id={fieldId(undefined, `files.${key}`)}
          label={label}
          value={pipeline.files[key] ?? ''}
          placeholder={placeholder}
          hint={hint}
          messages={diagnosticsFor(diagnostics, undefined, `files.${key}`)}
          // The dag file is always named; the other two are absent when cleared.
          onChange={(text) => commit(`files.${key}`, (p) => setFiles(p, { ...p.files, [key]: key === 'dag' || text !== '' ? text : undefined }))}
          onBlur={end}
        />
      ))}
    </fieldset>
  );
}
