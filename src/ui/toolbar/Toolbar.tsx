import { lazy } from 'react';
import { AfterFirstPaint } from '../common/AfterFirstPaint';
import './toolbar.css';

const ToolbarCommands = lazy(() => import('./ToolbarCommands').then((m) => ({ default: m.ToolbarCommands })));

/** The app's title and the whole-pipeline commands (loaded after the first paint of the pipeline). */
export function Toolbar() {
  return (
    <header className="app-header">
      <h1 className="app-title">kfp-designer</h1>
      <AfterFirstPaint placeholder={<div role="toolbar" aria-label="Designer toolbar" aria-busy="true" className="toolbar" />}>
        <ToolbarCommands />
      </AfterFirstPaint>
    </header>
  );
}
