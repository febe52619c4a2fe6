// The reader worker's first half of one import — the files told apart (classify), imported
// (startImport) and laid out (layOut), up to the `part` the page draws — cold, in a fresh process,
// as a fresh worker runs it. Bundled per tree by bench/import-read.bench.ts; prints CPU ms as JSON.
// argv: the JSON file of the files ({ name, text }[]).
import { readFileSync } from 'node:fs';
import { startImport } from '../src/ui/import/read-import';
import { layOut } from '../src/ui/reading/lay-out';

const files = JSON.parse(readFileSync(process.argv[2], 'utf8')) as {
  name: string;
  text: string;
}[];
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
async function main() {
  const marks: number[] = [];
  const start = cpuMs();
  const started = startImport({ source: { files }, target: 'kfp-v2' }, () => marks.push(cpuMs()));
  const imported = cpuMs();
  if (started.status !== 'read') throw new Error(`the import did not read: ${started.status}`);
  const pipeline = await layOut(started.pipeline);
  const laidOut = cpuMs();
  const placed = Object.keys(pipeline.layout).length;
  // marks[0]: before classify; marks[1]: classified, before the import.
  console.log(
    JSON.stringify({
      classify: marks[1] - marks[0],
      import: imported - marks[1],
      layout: laidOut - imported,
      total: laidOut - start,
      placed,
    }),
  );
}
void main();
