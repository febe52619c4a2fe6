import { Component, type ErrorInfo, type ReactNode } from 'react';
import type { DesignerStore } from '../store/store';
import { downloadJson, PIPELINE_FILE } from './recovery';
import './recovery.css';

interface Props {
  store: DesignerStore;
  children: ReactNode;
}

/**
 * Whatever part of the page fails, the work is not lost with it: the pipeline can be downloaded,
 * the last change undone (the usual cause of a failure that was not there before), or the page
 * reloaded. The store lives outside React, so all of it still works with the page down.
 */
export class AppBoundary extends Component<Props, { error?: Error }> {
  state: { error?: Error } = {};

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    // For whoever reports the bug: which component, and where.
    console.error('The designer failed:', error, info.componentStack);
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const { store } = this.props;
    const canUndo = store.getState().history.past.length > 0;
    const undo = () => {
      store.getState().undo();
      // The diagnostics follow the pipeline a frame later (checking.ts); the page drawn again now
      // must not meet the failing pipeline there.
      store.getState().check();
      this.setState({ error: undefined });
    };
    return (
      <main className="app-failure" aria-labelledby="app-failure-title">
        <h1 id="app-failure-title">The designer ran into a problem</h1>
        <p role="alert">Part of the page failed. Your pipeline is still here: download it, undo the last change, or reload the page.</p>
        <pre>{error.message}</pre>
        <div className="recovery-actions">
          <button type="button" onClick={() => downloadJson(PIPELINE_FILE, JSON.stringify(store.getState().history.present, null, 2))}>
            Download the pipeline
          </button>
          {canUndo && (
            <button type="button" onClick={undo}>
              Undo the last change
            </button>
          )}
          <button type="button" onClick={() => window.location.reload()}>
            Reload
          </button>
        </div>
      </main>
    );
  }
}
