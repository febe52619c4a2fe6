import { ReactFlowProvider } from '@xyflow/react';
import { useLayoutEffect, useRef, useState } from 'react';
import type { ViewArea } from './fit-view';
import { FlowCanvas } from './FlowCanvas';
import '../palette/step-colors.css';
import './canvas.css';

/** The pipeline's own graph: drawn from the model, and every edit made on it goes back through the model's actions. */
export function Canvas() {
  const region = useRef<HTMLElement>(null);
  // Measured before the first paint, so the canvas opens showing the pipeline (see FlowCanvas).
  const [area, setArea] = useState<ViewArea>();
  useLayoutEffect(() => {
    if (region.current) setArea({ width: region.current.clientWidth, height: region.current.clientHeight });
  }, []);
  return (
    <section ref={region} className="canvas" role="region" aria-label="Pipeline canvas">
      <ReactFlowProvider>{area && <FlowCanvas region={region} area={area} />}</ReactFlowProvider>
    </section>
  );
}
