import { useDeferredValue } from 'react';
import type { Diagnostic } from '../../../core/diagnostics';
import { setDescription, setStartStep, setTag } from '../../../core/model/actions';
import type { Pipeline } from '../../../core/model/types';
import { SelectField, withCurrent } from '../../forms/ChoiceFields';
import { fieldId } from '../../forms/field-id';
import { diagnosticsFor } from '../../forms/field-messages';
import { useFieldEditor } from '../../forms/hooks';
import { TextField } from '../../forms/TextField';

/** Up to this many steps the start-step list is changed in place (it keeps its focus when a step is added or renamed). */
const START_CHOICES_IN_PLACE = 500;

/** What the pipeline is and where it starts. */
export function GeneralSection({ pipeline, diagnostics }: { pipeline: Pipeline; diagnostics: readonly Diagnostic[] }) {
  const { commit, once, end } = useFieldEditor(undefined);
  const { dag } = pipeline;
  const start = dag.start_at ?? '';
  // One option per step: 5,000 of them after a big import, created in the render that takes the
  // import. That render offers the start step alone; the others follow in a deferred render, which
  // React can interrupt.
  const listed = useDeferredValue(dag.steps);
  const steps = listed === dag.steps ? dag.steps : dag.steps.filter((s) => s.name === start);
  const startChoices = steps.filter((s) => s.type !== 'success' && s.type !== 'fail').map((s) => ({ value: s.name, label: s.name }));
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
      <SelectField
        // A new list is a new <select>: React builds it whole and inserts it once, where changing
        // thousands of options of the one on screen inserts them one by one.
        key={steps.length > START_CHOICES_IN_PLACE ? steps.length : undefined}
        id={fieldId(undefined, 'start_at')}
        label="Start step"
        value={start}
        options={start === '' ? [{ value: '', label: '(none)' }, ...startChoices] : withCurrent(startChoices, start, (v) => `${v} (no such step)`)}
        messages={diagnostics.filter((d) => d.step === undefined && d.graph === '' && d.field === 'start_at').map((d) => ({ severity: d.severity, text: d.message }))}
        onChange={(name) => name !== '' && once((p) => setStartStep(p, name))}
      />
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
