import { DownloadButtons } from '../download/DownloadButtons';
import { ImportButton } from '../import/ImportButton';
import { NewPipelineButton } from './NewPipelineButton';
import { UndoRedo } from './UndoRedo';
import { CopyLinkButton } from '../share/CopyLinkButton';
import { ThemeSwitch } from '../theme/ThemeSwitch';
import { KeyboardTools } from '../shortcuts/KeyboardTools';
import { RunOnKubeflowButton } from '../deploy/RunOnKubeflowButton';

/** The whole-pipeline commands: new, import, undo/redo, downloads, run on Kubeflow. */
export function ToolbarCommands() {
  return (
    <div role="toolbar" aria-label="Designer toolbar" className="toolbar">
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
