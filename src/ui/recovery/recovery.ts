/**
 * What the recovery notice and the error boundary say and hand out. The pipeline is handed out as
 * the designer stores it (JSON): lossless whatever state it is in, where an export to magnus files
 * may be the very thing that fails; a save that cannot be restored also as the magnus files it
 * still holds, where they can be written (salvage.ts).
 */
import { saveTextFile } from '../download/save-file';

export const UNRESTORED_FILE = 'kfp-designer-unrestored-save.json';
export const PIPELINE_FILE = 'kfp-designer-pipeline.json';

export const downloadJson = (name: string, text: string) => saveTextFile(name, text, 'application/json');

export function recoveryText(problem: string, keptAside: boolean): string {
  const kept = keptAside
    ? 'It is kept in this browser as it was, and'
    : "It could not be copied aside (this browser's storage is full), so it stays where it is and your changes are not saved until you download it; it";
  return `The pipeline saved in this browser could not be restored: ${problem}. ${kept} can be downloaded below. The example pipeline is open instead.`;
}

/** What the notice says of the magnus files of a save that cannot be restored. */
export function salvagedText(left: readonly string[]): string {
  if (left.length === 0) return 'Its magnus files can be downloaded as well.';
  return `Its magnus files can be downloaded as well, without what the designer could not read in it: ${left.join(', ')}.`;
}
