import { setStepFields } from '../../../core/model/settings-actions';
import { fieldId } from '../../forms/field-id';
import { useFieldEditor } from '../../forms/hooks';
import { TextField } from '../../forms/TextField';
import { BranchList } from './BranchList';
import type { StepFormProps } from './step-form-props';

/** The fields of map, dag and parallel steps. */
export function CompositeFields(props: StepFormProps) {
  const { visit, messages } = props;
  const { commit, end } = useFieldEditor(visit.path);
  const { step, path } = visit;
  const text = (field: 'iterate_on' | 'iterate_as' | 'dag_definition', label: string, value: string | undefined, hint: string) => (
    <TextField
      id={fieldId(path, field)}
      label={label}
      value={value ?? ''}
      hint={hint}
      messages={messages(field)}
      onChange={(v) => commit(field, (p) => setStepFields(p, path, { [field]: v === '' ? undefined : v }))}
      onBlur={end}
    />
  );
  switch (step.type) {
    case 'map':
      return (
        <fieldset className="section">
          <legend>Map</legend>
          {text('iterate_on', 'Iterate on', step.iterate_on, 'the parameter holding the list to iterate over')}
          {text('iterate_as', 'Iterate as', step.iterate_as, 'the argument each item is passed to the branch as')}
        </fieldset>
      );
    case 'dag':
      return (
        <fieldset className="section">
          <legend>Dag</legend>
          {text('dag_definition', 'Dag definition', step.dag_definition, 'path of the nested dag file, as magnus reads it inside the image')}
        </fieldset>
      );
    case 'parallel':
      return <BranchList {...props} />;
    default:
      return null;
  }
}
