import { DownloadButtons } from '../download/DownloadButtons';
import { ImportButton } from '../import/ImportButton';
import { NewPipelineButton } from './NewPipelineButton';
import { UndoRedo } from './UndoRedo';
import { CopyLinkButton } from '../share/CopyLinkButton';
import { ThemeSwitch } from '../theme/ThemeSwitch';
import { KeyboardTools } from '../shortcuts/KeyboardTools';
import { RunOnKubeflowButton } from '../deploy/RunOnKubeflowButton';
import { GlobalShortcuts } from '../common/GlobalShortcuts';

/**
 * The whole-pipeline commands: new, import, undo/redo, downloads, run on Kubeflow; and the page's
 * keyboard shortcuts, which run the same commands, arriving with them.
 */
export function ToolbarCommands() {
  return (
    <div role="toolbar" aria-label="Designer toolbar" className="toolbar">
      <GlobalShortcuts />
      <div className="toolbar-group">
        <NewPipelineButton />
        <ImportButton />
      </div>
      <div className="toolbar-group">
        <UndoRedo />
      </div>
      <div className="toolbar-group">
        <DownloadButtons />
        <CopyLinkButton />
        <ThemeSwitch />
      </div>
      <div className="toolbar-group">
        <RunOnKubeflowButton />
      </div>
      <KeyboardTools />
    </div>
  );
}
