import { ReactFlowProvider } from '@xyflow/react';
import { useRef } from 'react';
import { FlowCanvas } from './FlowCanvas';
import '../palette/step-colors.css';
import './canvas.css';

/** The pipeline's own graph: drawn from the model, and every edit made on it goes back through the model's actions. */
export function Canvas() {
  const region = useRef<HTMLElement>(null);
  return (
    <section ref={region} className="canvas" role="region" aria-label="Pipeline canvas">
      <ReactFlowProvider>
        <FlowCanvas region={region} />
      </ReactFlowProvider>
    </section>
  );
}
