import { setStepFields } from '../../../core/model/settings-actions';
import { COMMAND_TYPES } from '../../../core/model/defaults';
import { SelectField, withCurrent } from '../../forms/ChoiceFields';
import { DraftField } from '../../forms/DraftField';
import { fieldId } from '../../forms/field-id';
import { useFieldEditor } from '../../forms/hooks';
import { TextField } from '../../forms/TextField';
import { attemptsText, globsText, parseAttempts, parseGlobs, withCatalogList } from './step-fields';
import type { StepFormProps } from './step-form-props';

const COMMAND_TYPE_OPTIONS = COMMAND_TYPES.map((t) => ({ value: t, label: t === 'python' ? 'python (default)' : t }));

/** What a task runs, how often it may try, and what it takes from and gives to the catalog. */
export function TaskFields({ visit, messages }: StepFormProps) {
  const { commit, once, end } = useFieldEditor(visit.path);
  const { step, path } = visit;
  if (step.type !== 'task' && step.type !== 'stub') return null;
  const set = (field: string, value: unknown) => commit(field, (p) => setStepFields(p, path, { [field]: value }));
  return (
    <fieldset className="section">
      <legend>{step.type === 'task' ? 'Task' : 'Stub'}</legend>
      {step.type === 'task' && (
        <>
          <TextField
            id={fieldId(path, 'command')}
            label="Command"
            value={step.command ?? ''}
            placeholder={step.command_type === 'shell' ? 'python -m package.module' : 'package.module.function'}
            messages={messages('command')}
            onChange={(text) => set('command', text === '' ? undefined : text)}
            onBlur={end}
          />
          <SelectField
            id={fieldId(path, 'command_type')}
            label="Command type"
            value={step.command_type ?? 'python'}
            options={withCurrent(COMMAND_TYPE_OPTIONS, step.command_type ?? 'python')}
            messages={messages('command_type')}
            onChange={(value) => once((p) => setStepFields(p, path, { command_type: value }))}
          />
        </>
      )}
      <DraftField
        id={fieldId(path, 'max_attempts')}
        label="Max attempts"
        inputMode="numeric"
        value={step.max_attempts}
        format={attemptsText}
        parse={parseAttempts}
        placeholder="1"
        resolveVariables={false}
        hint="magnus counts attempts: 3 = up to 2 retries; empty = run once"
        messages={messages('max_attempts')}
        onCommit={(value) => set('max_attempts', value)}
        onBlur={end}
      />
      {step.type === 'task' &&
        (['get', 'put'] as const).map((key) => (
          <DraftField
            key={key}
            id={fieldId(path, `catalog.${key}`)}
            label={key === 'get' ? 'Catalog get' : 'Catalog put'}
            multiline
            rows={2}
            value={step.catalog?.[key] ?? []}
            format={globsText}
            parse={parseGlobs}
            resolveVariables={false}
            hint={`one glob per line; ${key === 'get' ? 'copied from the catalog before the step runs' : 'copied to the catalog after the step succeeds'}`}
            messages={messages(`catalog.${key}`)}
            onCommit={(globs) => commit(`catalog.${key}`, (p) => setStepFields(p, path, { catalog: withCatalogList(step.catalog, key, globs) }))}
            onBlur={end}
          />
        ))}
    </fieldset>
  );
}
