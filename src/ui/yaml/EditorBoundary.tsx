import { Component, type ReactNode } from 'react';

interface Props {
  /** Shown instead of the editor if it fails to load or crashes: the plain text, still current. */
  fallback: ReactNode;
  children: ReactNode;
}

/** Monaco failing (a chunk that did not load, a worker refused) must not take the page down with it. */
export class EditorBoundary extends Component<Props, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
