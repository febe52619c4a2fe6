import type { Diagnostic } from '../../../core/diagnostics';
import { setExecutorSetting } from '../../../core/model/settings-actions';
import type { Pipeline, VolumeEntry } from '../../../core/model/types';
import { fieldId, rowFieldIds } from '../../forms/field-id';
import { diagnosticsFor, hasError, resolutionNote } from '../../forms/field-messages';
import { useFieldEditor, useVariableMap } from '../../forms/hooks';
import { Row, RowList, rowInputProps } from '../../forms/RowList';

const PREFIX = 'executor.persistent_volumes';

/** `persistent_volumes`: claims mounted into every step's container. */
export function VolumesTable({ pipeline, diagnostics }: { pipeline: Pipeline; diagnostics: readonly Diagnostic[] }) {
  const { commit, end } = useFieldEditor(undefined);
  const variables = useVariableMap();
  const volumes = pipeline.executor.persistent_volumes ?? [];
  const ids = rowFieldIds(undefined, PREFIX, volumes.map((v) => v.claim));
  const save = (next: VolumeEntry[], field: string) => commit(field, (p) => setExecutorSetting(p, 'persistent_volumes', next.length > 0 ? next : undefined));
  const update = (index: number, change: Partial<VolumeEntry>) => save(volumes.map((v, i) => (i === index ? { ...v, ...change } : v)), `${PREFIX}[${index}].${Object.keys(change)[0]}`);
  return (
    <RowList
      id={fieldId(undefined, PREFIX)}
      legend="Persistent volumes"
      columns={['Claim name', 'Mount path']}
      rowCount={volumes.length}
      hint="PersistentVolumeClaims mounted into every step's container"
      addLabel="Add volume"
      onAdd={() => {
        save([...volumes, { claim: '', mountPath: '' }], PREFIX);
        end();
      }}
    >
      {volumes.map((volume, index) => {
        const n = index + 1;
        const problems = diagnosticsFor(diagnostics, undefined, `${PREFIX}.${volume.claim}`);
        const claimNotes = resolutionNote('claim', volume.claim, variables);
        const mountNotes = resolutionNote('mount path', volume.mountPath, variables);
        const messages = [...problems, ...claimNotes, ...mountNotes];
        const messagesId = `${ids[index]}-messages`;
        const input = (label: string, id: string, own: typeof messages) => rowInputProps(id, label, messagesId, own, hasError(own));
        return (
          <Row
            key={index}
            label={`Volume ${n}`}
            removeLabel={`Remove volume ${n}`}
            inputs={2}
            messagesId={messagesId}
            messages={messages}
            onRemove={() => {
              save(volumes.filter((_, i) => i !== index), PREFIX);
              end();
            }}
          >
            <input {...input(`Volume ${n} claim`, ids[index], [...problems, ...claimNotes])} value={volume.claim} placeholder="claim-name" onChange={(e) => update(index, { claim: e.target.value })} onBlur={end} />
            <input {...input(`Volume ${n} mount path`, `${ids[index]}-mount`, [...problems, ...mountNotes])} value={volume.mountPath} placeholder="/mnt/data" onChange={(e) => update(index, { mountPath: e.target.value })} onBlur={end} />
          </Row>
        );
      })}
    </RowList>
  );
}
