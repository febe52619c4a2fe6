import type { Diagnostic } from '../../../core/diagnostics';
import { setVariables } from '../../../core/model/settings-actions';
import type { Pipeline, Variable } from '../../../core/model/types';
import { fieldId, rowFieldIds } from '../../forms/field-id';
import { diagnosticsFor, hasError } from '../../forms/field-messages';
import { useFieldEditor } from '../../forms/hooks';
import { Row, RowList, rowInputProps } from '../../forms/RowList';

/** Values for `${name}` / `$name` in settings, substituted when the Kubeflow YAML is written. */
export function VariablesTable({ pipeline, diagnostics }: { pipeline: Pipeline; diagnostics: readonly Diagnostic[] }) {
  const { commit, end } = useFieldEditor(undefined);
  const { variables } = pipeline;
  const ids = rowFieldIds(undefined, 'variables', variables.map((v) => v.name));
  const save = (next: Variable[], field: string) => commit(field, (p) => setVariables(p, next));
  const update = (index: number, change: Partial<Variable>) => save(variables.map((v, i) => (i === index ? { ...v, ...change } : v)), `variables[${index}].${Object.keys(change)[0]}`);
  return (
    <RowList
      id={fieldId(undefined, 'variables')}
      legend="Variables"
      columns={['Name', 'Value']}
      rowCount={variables.length}
      hint={
        <>
          write <code>{'${name}'}</code> in a setting to use a value; magnus reads them from <code>MAGNUS_VAR_name</code>
        </>
      }
      addLabel="Add variable"
      onAdd={() => {
        save([...variables, { name: '', value: '' }], 'variables');
        end();
      }}
    >
      {variables.map((variable, index) => {
        const n = index + 1;
        const messages = diagnosticsFor(diagnostics, undefined, `variables.${variable.name}`);
        const messagesId = `${ids[index]}-messages`;
        const input = (label: string, id: string) => rowInputProps(id, label, messagesId, messages, hasError(messages));
        return (
          <Row
            key={index}
            label={`Variable ${n}`}
            removeLabel={`Remove variable ${n}`}
            inputs={2}
            messagesId={messagesId}
            messages={messages}
            onRemove={() => {
              save(variables.filter((_, i) => i !== index), 'variables');
              end();
            }}
          >
            <input {...input(`Variable ${n} name`, ids[index])} value={variable.name} placeholder="tag" onChange={(e) => update(index, { name: e.target.value })} onBlur={end} />
            <input {...input(`Variable ${n} value`, `${ids[index]}-value`)} value={variable.value} placeholder="1.0" onChange={(e) => update(index, { value: e.target.value })} onBlur={end} />
          </Row>
        );
      })}
    </RowList>
  );
}
