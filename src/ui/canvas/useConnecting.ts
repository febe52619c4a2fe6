import type { Connection, Edge, FinalConnectionState } from '@xyflow/react';
import { useCallback } from 'react';
import { connect, type EdgeKind } from '../../core/model/actions';
import type { Pipeline } from '../../core/model/types';
import { useDesignerStore } from '../store/context';

const kindOf = (handle: string | null | undefined): EdgeKind => (handle === 'on_failure' ? 'on_failure' : 'next');

function canConnect(pipeline: Pipeline, from: string, to: string, kind: EdgeKind): boolean {
  try {
    connect(pipeline, from, to, kind);
    return true;
  } catch {
    return false;
  }
}

/** The step node under the pointer, for a connection dropped on a node's body rather than its handle. */
function nodeUnderPointer(event: MouseEvent | TouchEvent): string | undefined {
  const point = 'changedTouches' in event ? event.changedTouches[0] : event;
  if (!point) return undefined;
  const node = document.elementFromPoint(point.clientX, point.clientY)?.closest('.react-flow__node');
  const id = node?.getAttribute('data-id') ?? undefined;
  // A lane is no step: dropped on one, there is nothing to connect to.
  return id?.startsWith('lane:') ? undefined : id;
}

/**
 * Drawing next / on_failure edges. The model decides what may connect: while dragging, React Flow
 * shows a refused target as invalid; on drop, the refusal's reason becomes the store's notice.
 */
export function useConnecting() {
  const store = useDesignerStore();
  const isValidConnection = useCallback(
    (c: Connection | Edge) => canConnect(store.getState().history.present, c.source, c.target, kindOf(c.sourceHandle)),
    [store],
  );
  const onConnect = useCallback(
    (c: Connection) => store.getState().apply((p) => connect(p, c.source, c.target, kindOf(c.sourceHandle))),
    [store],
  );
  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid || !state.fromNode || state.fromHandle?.type !== 'source') return;
      const target = state.toNode?.type === 'lane' ? undefined : (state.toNode?.id ?? nodeUnderPointer(event));
      if (target === undefined) return;
      const from = state.fromNode.id;
      // Refused (or dropped on a node's body): connect anyway so the model accepts it or says why not.
      store.getState().apply((p) => connect(p, from, target, kindOf(state.fromHandle?.id)));
    },
    [store],
  );
  return { isValidConnection, onConnect, onConnectEnd };
}
