/**
 * The magnus files a save that cannot be restored still holds, where they can be written: what
 * the model check refuses is left out, part by part (a `null` step, a setting of the wrong type),
 * until the rest is a pipeline the export can write. Pure. The save itself stays available as
 * JSON, lossless; these files are what a person can read, edit and import again.
 */
import { exportMagnus } from '../../core/magnus/export';
import { checkPipelineShape } from '../../core/model/schema';
import { downloadFileName, nestedFileName } from '../download/file-names';

export interface SalvagedFiles {
  files: { name: string; text: string }[];
  /** What was left out to write them (`dag.steps.1`), in the model's dotted paths. */
  left: string[];
}

/** A save broken in more places than this is not guessed at: its JSON is all there is. */
const MOST_LEFT_OUT = 20;

type Node = Record<string, unknown> | unknown[];
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null;

export function salvageFiles(text: string): SalvagedFiles | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const left: string[] = [];
  for (let round = 0; round <= MOST_LEFT_OUT; round++) {
    const shape = checkPipelineShape(value);
    if (shape.ok) {
      try {
        const pipeline = shape.pipeline;
        const exported = exportMagnus(pipeline);
        const files = [
          { name: downloadFileName(pipeline, 'dag'), text: exported.dag },
          { name: downloadFileName(pipeline, 'config'), text: exported.config },
          ...(exported.parameters === undefined ? [] : [{ name: downloadFileName(pipeline, 'parameters'), text: exported.parameters }]),
          ...Object.entries(exported.nested ?? {}).map(([path, nested]) => ({ name: nestedFileName(path), text: nested })),
        ];
        return { files, left };
      } catch {
        return undefined;
      }
    }
    const cut = leaveOut(value, shape.path ?? []);
    if (!cut) return undefined;
    left.push(cut);
  }
  return undefined;
}

/**
 * Removes the part at `path` (or, when it is missing, the part that lacks it); never the pipeline
 * itself nor one of its own sections (`dag`, `executor`…). The dotted path of what went, or undefined.
 */
function leaveOut(root: unknown, path: (string | number)[]): string | undefined {
  const present = (at: (string | number)[]) => at.reduce<unknown>((node, key) => (isNode(node) && Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined), root);
  let at = path;
  if (present(at) === undefined) at = at.slice(0, -1);
  if (at.length < 2) return undefined;
  const holder = present(at.slice(0, -1));
  const key = at[at.length - 1];
  if (Array.isArray(holder) && typeof key === 'number') holder.splice(key, 1);
  else if (isNode(holder) && Object.hasOwn(holder, key)) Reflect.deleteProperty(holder, key);
  else return undefined;
  return at.join('.');
}
