import { memo } from 'react';
import { FieldShell, type FieldShellProps } from './FieldShell';

export interface Option {
  value: string;
  label: string;
}

/** Adds the current value when it is not among the options (an imported typo), so it stays visible. */
export function withCurrent(options: readonly Option[], current: string, describe = (v: string) => `${v} (not a valid choice)`): Option[] {
  return options.some((o) => o.value === current) ? [...options] : [...options, { value: current, label: describe(current) }];
}

/**
 * The options, skipped by React while the same array is passed: a step picker lists every step of
 * the graph, and re-rendering a thousand options on each keystroke elsewhere in the form shows.
 */
export const Options = memo(function Options({ options }: { options: readonly Option[] }) {
  return options.map((o) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  ));
});

export function SelectField({ value, options, onChange, ...shell }: FieldShellProps & { value: string; options: readonly Option[]; onChange: (value: string) => void }) {
  return (
    <FieldShell {...shell}>
      {(control) => (
        <select {...control} value={value} onChange={(e) => onChange(e.target.value)}>
          <Options options={options} />
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
