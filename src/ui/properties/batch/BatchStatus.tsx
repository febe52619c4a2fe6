import type { BatchValue } from './batch-edit';
import { batchStatus } from './batch-text';

/** The badge of a batch field: like a single step's, counted over the selection. */
export function BatchStatus({ value }: { value: Pick<BatchValue, 'overridden' | 'total' | 'mixed'> }) {
  const { badge, from } = batchStatus(value);
  return (
    <>
      <span className={`badge badge-${badge}`}>{badge}</span> {from}
    </>
  );
}
