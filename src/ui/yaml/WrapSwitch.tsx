import { useState } from 'react';

const WRAP_KEY = 'kfp-designer.yaml-wrap';

/** Whether long YAML lines wrap in the pane: a preference of this browser, remembered. */
export function useWrapPreference(): [boolean, (wrap: boolean) => void] {
  const [wrap, setWrap] = useState(() => {
    try {
      return window.localStorage.getItem(WRAP_KEY) === 'on';
    } catch {
      return false;
    }
  });
  const change = (next: boolean) => {
    setWrap(next);
    try {
      window.localStorage.setItem(WRAP_KEY, next ? 'on' : 'off');
    } catch {
      // storage disabled: the choice lasts until the page closes
    }
  };
  return [wrap, change];
}

/** Long lines (commands, images) read whole in the narrow pane when wrapped. */
export function WrapSwitch({ wrap, onChange }: { wrap: boolean; onChange: (wrap: boolean) => void }) {
  return (
    <label className="wrap-switch" title="Wrap long lines to the width of the pane">
      <input type="checkbox" checked={wrap} onChange={(e) => onChange(e.target.checked)} />
      Wrap lines
    </label>
  );
}
