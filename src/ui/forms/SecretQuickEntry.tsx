import { useState } from 'react';
import type { SecretEntry } from '../../core/model/types';
import { MessageList } from './FieldShell';
import { parseSecretShorthand } from './secret-text';

/** One line, `AWS_KEY=aws-secret:key`, the way secrets are written in magnus configs. */
interface SecretQuickEntryProps {
  id: string;
  entries: readonly SecretEntry[];
  variables: ReadonlyMap<string, string>;
  onAdd: (entry: SecretEntry) => void;
}

export function SecretQuickEntry({ id, entries, variables, onAdd }: SecretQuickEntryProps) {
  const [text, setText] = useState('');
  // Complaining while the first attempt is still being typed helps nobody; after a refused add it does.
  const [attempted, setAttempted] = useState(false);
  const parsed = parseSecretShorthand(text, entries, variables);
  const error = attempted && 'error' in parsed ? parsed.error : undefined;
  const add = () => {
    if ('error' in parsed) return setAttempted(true);
    onAdd(parsed.entry);
    setText('');
    setAttempted(false);
  };
  const messagesId = `${id}-messages`;
  return (
    <div className="field secret-quick">
      <label htmlFor={id}>Add secret (EnvVar=SecretName:Key)</label>
      <div className="secret-quick-line">
        <input
          id={id}
          type="text"
          value={text}
          placeholder="AWS_KEY=aws-secret:key"
          spellCheck={false}
          autoComplete="off"
          {...(error ? { 'aria-invalid': true, 'aria-describedby': messagesId } : {})}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            add();
          }}
        />
        <button type="button" onClick={add}>
          Add secret
        </button>
      </div>
      <MessageList id={messagesId} messages={error ? [{ severity: 'error', text: error }] : []} />
    </div>
  );
}
