import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

interface Props {
  width: number;
  min: number;
  max: number;
  onResize: (width: number) => void;
  controls: string;
}

const STEP = 16;
const BIG_STEP = 80;

/**
 * The bar on the pane's left edge: drag it, or focus it and use the arrow keys (Shift for bigger
 * steps, Home/End for the limits). Left makes the pane wider, as the bar moves left.
 */
export function PaneSplitter({ width, min, max, onResize, controls }: Props) {
  const drag = useRef<{ x: number; width: number } | undefined>(undefined);
  const clamp = (w: number) => Math.round(Math.min(max, Math.max(min, w)));
  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.shiftKey ? BIG_STEP : STEP;
    const next = { ArrowLeft: width + step, ArrowRight: width - step, Home: min, End: max }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    onResize(clamp(next));
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { x: event.clientX, width };
  };
  const onPointerMove = (event: PointerEvent) => {
    if (drag.current) onResize(clamp(drag.current.width + drag.current.x - event.clientX));
  };
  const onPointerUp = () => {
    drag.current = undefined;
  };
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize YAML pane"
      aria-controls={controls}
      aria-valuenow={width}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      className="pane-splitter"
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
    />
  );
}
