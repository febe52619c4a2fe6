import { useMemo } from 'react';
import type { Diagnostic } from '../../../core/diagnostics';
import { setStartStep } from '../../../core/model/actions';
import { setDescription, setTag } from '../../../core/model/settings-actions';
import type { Pipeline } from '../../../core/model/types';
import { SelectField, withCurrent } from '../../forms/ChoiceFields';
import { fieldId } from '../../forms/field-id';
import { diagnosticsFor } from '../../forms/field-messages';
import { SearchChoiceField } from '../../forms/SearchChoiceField';
import { useFieldEditor } from '../../forms/hooks';
import { TextField } from '../../forms/TextField';

/** Past this many steps the start step is typed, with suggestions, rather than picked from a list (SearchChoiceField says why). */
const START_CHOICES_LISTED = 500;

/** What the pipeline is and where it starts. */
export function GeneralSection({ pipeline, diagnostics }: { pipeline: Pipeline; diagnostics: readonly Diagnostic[] }) {
  const { commit, once, end } = useFieldEditor(undefined);
  const { dag } = pipeline;
  const start = dag.start_at ?? '';
  // The same list while the steps are the same: the options (thousands, past 500 steps) are then not rendered again.
  const startChoices = useMemo(() => dag.steps.filter((s) => s.type !== 'success' && s.type !== 'fail').map((s) => ({ value: s.name, label: s.name })), [dag.steps]);
  const startMessages = diagnostics.filter((d) => d.step === undefined && d.graph === '' && d.field === 'start_at').map((d) => ({ severity: d.severity, text: d.message }));
  return (
    <fieldset className="section">
      <legend>Pipeline</legend>
      <TextField
        id={fieldId(undefined, 'description')}
        label="Pipeline description"
        multiline
        value={dag.description ?? ''}
        resolveVariables={false}
        hint="becomes the description of the Kubeflow pipeline"
        onChange={(text) => commit('description', (p) => setDescription(p, '', text))}
        onBlur={end}
      />
      {startChoices.length > START_CHOICES_LISTED ? (
        <SearchChoiceField
          id={fieldId(undefined, 'start_at')}
          label="Start step"
          value={start}
          options={startChoices}
          describeUnknown={(typed) => `no step named "${typed}" can start the pipeline; type a step's name or pick one from the suggestions`}
          messages={startMessages}
          onChoose={(name) => commit('start_at', (p) => setStartStep(p, name))}
          onEnd={end}
        />
      ) : (
        <SelectField
          id={fieldId(undefined, 'start_at')}
          label="Start step"
          value={start}
          options={start === '' ? [{ value: '', label: '(none)' }, ...startChoices] : withCurrent(startChoices, start, (v) => `${v} (no such step)`)}
          messages={startMessages}
          onChange={(name) => name !== '' && once((p) => setStartStep(p, name))}
        />
      )}
      <TextField
        id={fieldId(undefined, 'tag')}
        label="Run tag"
        value={pipeline.tag ?? ''}
        placeholder="optional"
        hint="optional; passed to every step as magnus execute --tag"
        messages={diagnosticsFor(diagnostics, undefined, 'tag')}
        onChange={(text) => commit('tag', (p) => setTag(p, text))}
        onBlur={end}
      />
    </fieldset>
  );
}
