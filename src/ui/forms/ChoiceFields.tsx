import { FieldShell, type FieldShellProps } from './FieldShell';

export interface Option {
  value: string;
  label: string;
}

/** Adds the current value when it is not among the options (an imported typo), so it stays visible. */
export function withCurrent(options: readonly Option[], current: string, describe = (v: string) => `${v} (not a valid choice)`): Option[] {
  return options.some((o) => o.value === current) ? [...options] : [...options, { value: current, label: describe(current) }];
}

export function SelectField({ value, options, onChange, ...shell }: FieldShellProps & { value: string; options: readonly Option[]; onChange: (value: string) => void }) {
  return (
    <FieldShell {...shell}>
      {(control) => (
        <select {...control} value={value} onChange={(e) => onChange(e.target.value)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

export function CheckboxField({ checked, onChange, ...shell }: Omit<FieldShellProps, 'inline'> & { checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <FieldShell {...shell} inline>
      {(control) => <input {...control} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />}
    </FieldShell>
  );
}
