import { useMemo, useState } from 'react';
import { Options, type Option } from './ChoiceFields';
import type { FieldMessage } from './field-messages';
import { FieldShell, type FieldShellProps } from './FieldShell';

/**
 * A choice among thousands (the start step of a 5,000-step pipeline): a text field that suggests
 * the choices as the user types, and takes only one of them. A `<select>` of thousands of options
 * is styled and measured option by option whenever it is inserted — ~70–90 ms on this machine at
 * 5,000 — and scrolling it is no way to find one step. The suggestions (a `<datalist>`, never
 * styled or laid out) are listed once the field is focused.
 *
 * Typing a choice's exact value chooses it (`onChoose`, as a text field commits each keystroke);
 * anything else is kept as typed, with what is wrong, until the field is left or Escape is
 * pressed, which show the model's value again.
 */
export function SearchChoiceField({
  value,
  options,
  describeUnknown,
  onChoose,
  onEnd,
  messages = [],
  ...shell
}: FieldShellProps & { value: string; options: readonly Option[]; describeUnknown: (typed: string) => string; onChoose: (value: string) => void; onEnd: () => void }) {
  const [draft, setDraft] = useState<string>();
  const [focused, setFocused] = useState(false);
  const known = useMemo(() => new Set(options.map((o) => o.value)), [options]);
  const typedWrong: FieldMessage[] = draft === undefined ? [] : [{ severity: 'error', text: describeUnknown(draft) }];
  const listId = `${shell.id}-choices`;
  return (
    <FieldShell {...shell} messages={[...typedWrong, ...messages]}>
      {(control) => (
        <>
          <input
            {...control}
            list={listId}
            value={draft ?? value}
            autoComplete="off"
            spellCheck={false}
            onFocus={() => setFocused(true)}
            onChange={(e) => {
              const typed = e.target.value;
              if (known.has(typed)) {
                setDraft(undefined);
                if (typed !== value) onChoose(typed);
              } else setDraft(typed);
            }}
            onKeyDown={(e) => {
              if (e.key !== 'Escape' || draft === undefined) return;
              e.stopPropagation();
              setDraft(undefined);
            }}
            onBlur={() => {
              setDraft(undefined);
              onEnd();
            }}
          />
          <datalist id={listId}>{focused && <Options options={options} />}</datalist>
        </>
      )}
    </FieldShell>
  );
}
