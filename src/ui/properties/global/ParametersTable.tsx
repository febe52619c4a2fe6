import type { Diagnostic } from '../../../core/diagnostics';
import { setParameters } from '../../../core/model/settings-actions';
import type { Json, Parameter, Pipeline } from '../../../core/model/types';
import { fieldId, rowFieldIds } from '../../forms/field-id';
import { diagnosticsFor, hasError } from '../../forms/field-messages';
import { useDraft, useFieldEditor } from '../../forms/hooks';
import { parameterValueText, parseParameterValue, useYamlParser, valueTypeName } from '../../forms/parameter-value';
import { Row, RowList, rowInputProps } from '../../forms/RowList';

/** Initial parameters (the parameters file); values keep their YAML type. */
export function ParametersTable({ pipeline, diagnostics }: { pipeline: Pipeline; diagnostics: readonly Diagnostic[] }) {
  const { commit, end } = useFieldEditor(undefined);
  const { parameters } = pipeline;
  const ids = rowFieldIds(undefined, 'parameters', parameters.map((p) => p.name));
  const save = (next: Parameter[], field: string) => commit(field, (p) => setParameters(p, next));
  const update = (index: number, change: Partial<Parameter>) => save(parameters.map((p, i) => (i === index ? { ...p, ...change } : p)), `parameters[${index}].${Object.keys(change)[0]}`);
  return (
    <RowList
      id={fieldId(undefined, 'parameters')}
      legend="Parameters"
      columns={['Name', 'Value (YAML)']}
      rowCount={parameters.length}
      hint={
        <>
          values are YAML: <code>3</code> is a number, <code>abc</code> a string, <code>"3"</code> the string 3, <code>[a, b]</code> a list
        </>
      }
      addLabel="Add parameter"
      onAdd={() => {
        save([...parameters, { name: '', value: '' }], 'parameters');
        end();
      }}
    >
      {parameters.map((parameter, index) => {
        const n = index + 1;
        const messages = diagnosticsFor(diagnostics, undefined, `parameters.${parameter.name}`);
        const messagesId = `${ids[index]}-messages`;
        return (
          <Row
            key={index}
            label={`Parameter ${n}`}
            removeLabel={`Remove parameter ${n}`}
            inputs={2}
            messagesId={messagesId}
            messages={messages}
            onRemove={() => {
              save(parameters.filter((_, i) => i !== index), 'parameters');
              end();
            }}
          >
            <input
              {...rowInputProps(ids[index], `Parameter ${n} name`, messagesId, messages, hasError(messages))}
              value={parameter.name}
              placeholder="learning_rate"
              onChange={(e) => update(index, { name: e.target.value })}
              onBlur={end}
            />
            <ParameterValueInput id={`${ids[index]}-value`} label={`Parameter ${n} value`} value={parameter.value} onChange={(value) => update(index, { value })} onBlur={end} />
          </Row>
        );
      })}
    </RowList>
  );
}

function ParameterValueInput({ id, label, value, onChange, onBlur }: { id: string; label: string; value: Json; onChange: (value: Json) => void; onBlur: () => void }) {
  // Read-only for the moment the parser takes to load with the page; typing needs it.
  const parserReady = useYamlParser();
  const modelText = parameterValueText(value);
  const draft = useDraft(id, modelText);
  // The model's own text reads back as its value: only typed text needs parsing.
  const parsed = draft.text === modelText || !parserReady ? { value, note: undefined } : parseParameterValue(draft.text);
  const typeId = `${id}-type`;
  return (
    <span className="parameter-value">
      <input
        id={id}
        aria-label={label}
        aria-describedby={typeId}
        value={draft.text}
        readOnly={!parserReady}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => {
          const next = parseParameterValue(e.target.value);
          onChange(next.value);
          draft.typed(e.target.value, parameterValueText(next.value));
        }}
        onBlur={() => {
          draft.settle();
          onBlur();
        }}
      />
      <span id={typeId} className="value-type" title={parsed.note}>
        {valueTypeName(parsed.value)}
        {parsed.note && <span className="visually-hidden">, {parsed.note}</span>}
      </span>
    </span>
  );
}
