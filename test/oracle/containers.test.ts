import { describe, expect, it } from 'vitest';
import { createWorld, MAP_OUTPUT_FILE, runContainer, runOf, startContainer } from './containers';
import { importPipeline, oraclePipeline } from './load';
import { scenario } from './scenario';
import { parseScript } from './shell';

const single = (name: string, ...extra: string[]) => ['magnus', 'execute_single_node', 'run-1', name, '--log-level', 'WARNING', '--file', 'dag.yaml', ...extra];
const fan = (name: string, mode: 'in' | 'out', ...extra: string[]) => ['magnus', 'fan', 'run-1', name, '--mode', mode, '--file', 'dag.yaml', '--log-level', 'WARNING', ...extra];

describe('containers: execute_single_node', () => {
  it('runs the step and exits 0 when it succeeds', () => {
    const world = createWorld(oraclePipeline('on-failure'), scenario());
    expect(runContainer(world, single('b'), 't').exitCode).toBe(0);
    expect(world.log.ran).toEqual(['b']);
  });

  it('runs the implicit fail in the same container when a step without on_failure fails', () => {
    const world = createWorld(oraclePipeline('on-failure'), scenario(['b']));
    expect(runContainer(world, single('b'), 't').exitCode).toBe(1);
    expect(world.log.ran).toEqual(['b', 'fail']);
    expect(world.log.branches.get('')).toBe('FAIL');
  });

  it('leaves the failure to the on_failure target when the step has one', () => {
    const world = createWorld(oraclePipeline('on-failure'), scenario(['a']));
    expect(runContainer(world, single('a'), 't').exitCode).toBe(1);
    expect(world.log.ran).toEqual(['a']);
  });

  it('reads `%` in the command-friendly name as a space', () => {
    const pipeline = importPipeline({
      dag: { text: 'dag:\n  start_at: step one\n  steps:\n    step one: {type: stub, next: success}\n    success: {type: success}\n    fail: {type: fail}\n', path: 'dag.yaml' },
    });
    const world = createWorld(pipeline, scenario());
    runContainer(world, single('step%one'), 't');
    expect(world.log.ran).toEqual(['step one']);
  });

  it('refuses what magnus could not run: unknown steps, other files, changing run ids', () => {
    const world = createWorld(oraclePipeline('on-failure'), scenario());
    expect(() => runContainer(world, single('nope'), 't')).toThrow(/no step named "nope"/);
    expect(() => runContainer(world, ['magnus', 'execute_single_node', 'run-1', 'a', '--file', 'other.yaml'], 't')).toThrow(/--file "other.yaml"/);
    runContainer(world, single('a'), 't');
    expect(() => runContainer(world, ['magnus', 'execute_single_node', 'run-2', 'b', '--file', 'dag.yaml'], 't')).toThrow(/run id run-2 differs/);
    expect(() => runContainer(world, ['magnus', 'execute_single_node', '{{workflow.uid}}', 'b', '--file', 'dag.yaml'], 't')).toThrow(/not a resolved value/);
  });
});

describe('containers: fan', () => {
  it('fan-out of a map writes the list; each iteration gets its runtime name from --map-variable', () => {
    const world = createWorld(oraclePipeline('composite'), scenario([], { items: ['a', 'b'] }));
    const out = runContainer(world, fan('m', 'out'), 't');
    expect(out.exitCode).toBe(0);
    expect(JSON.parse(out.files.get(MAP_OUTPUT_FILE)!)).toEqual(['a', 'b']);
    runContainer(world, single('m.map_variable_placeholder.z', '--map-variable', '{"item": "b"}'), 't');
    expect(world.log.ran).toEqual(['m.b.z']);
  });

  it('fan-in fails the composite, with the implicit fail, when a branch did not reach success', () => {
    const world = createWorld(oraclePipeline('composite'), scenario(['p.one.x'], { items: [] }));
    runContainer(world, fan('p', 'out'), 't');
    expect(runContainer(world, single('p.one.x'), 't').exitCode).toBe(1);
    runContainer(world, single('p.two.y'), 't');
    runContainer(world, single('p.two.success'), 't');
    expect(runContainer(world, fan('p', 'in'), 't').exitCode).toBe(1);
    expect(world.log.ran).toEqual(['p.one.x', 'p.one.fail', 'p.two.y', 'p.two.success', 'fail']);
  });

  it('fan-in succeeds when every branch reached success, and for a map over nothing', () => {
    const world = createWorld(oraclePipeline('composite'), scenario([], { items: [] }));
    runContainer(world, fan('m', 'out'), 't');
    expect(runContainer(world, fan('m', 'in'), 't').exitCode).toBe(0);
  });

  it('refuses steps of a branch no fan-out opened, a fan-in before its fan-out, wrong map variables', () => {
    const world = createWorld(oraclePipeline('composite'), scenario([], { items: ['a'] }));
    expect(() => runContainer(world, single('p.one.x'), 't')).toThrow(/no fan-out has opened/);
    expect(() => runContainer(world, fan('p', 'in'), 't')).toThrow(/before its fan-out/);
    runContainer(world, fan('m', 'out'), 't');
    expect(() => runContainer(world, single('m.map_variable_placeholder.z'), 't')).toThrow(/inside the maps of \["item"\]/);
    expect(() => runContainer(world, single('m.map_variable_placeholder.z', '--map-variable', '{"x": "a"}'), 't')).toThrow(/--map-variable names \["x"\]/);
  });
});

describe('containers in time', () => {
  it('see the run log as it was when they started; their writes land when they end', () => {
    const world = createWorld(oraclePipeline('composite'), scenario([], { items: [] }, { durations: { 'p.two.y': 3 } }));
    runContainer(world, fan('p', 'out'), 't');
    for (const step of ['p.one.x', 'p.one.success']) runContainer(world, single(step), 't');
    const y = startContainer(world, single('p.two.y'), 't');
    expect(y.duration).toBe(3);
    y.commit();
    const success = startContainer(world, single('p.two.success'), 't');
    // The fan-in starts before p.two.success ended: p.two is still PROCESSING, so magnus fails p.
    const early = startContainer(world, fan('p', 'in'), 't');
    success.commit();
    expect(early.exitCode).toBe(1);
    early.commit();
    expect(world.log.ran).toEqual(['p.one.x', 'p.one.success', 'p.two.y', 'p.two.success', 'fail']);
    expect(runContainer(world, fan('p', 'in'), 't').exitCode).toBe(0);
  });

  it('count attempts, so a step can fail its first ones only; a composite judged twice is reported', () => {
    const world = createWorld(oraclePipeline('composite'), scenario([], { items: [] }, { failingAttempts: { 'p.one.x': 1 } }));
    runContainer(world, fan('p', 'out'), 't');
    expect(runContainer(world, single('p.one.x'), 't').exitCode).toBe(1);
    expect(runContainer(world, single('p.one.x'), 't').exitCode).toBe(0);
    runContainer(world, fan('p', 'in'), 't');
    runContainer(world, fan('p', 'in'), 't');
    expect(runOf(world.log, false).judgedTwice).toEqual(['p']);
  });
});

describe('containers: sh -c wrappers', () => {
  it('runs magnus through `exec env MAGNUS_PRM_x="$1" …` with the run id in $0', () => {
    const world = createWorld(oraclePipeline('on-failure'), scenario());
    const script = `exec env 'MAGNUS_PRM_lr='"$1" magnus execute_single_node "$0" a --log-level WARNING --file dag.yaml`;
    expect(runContainer(world, ['sh', '-c', script, 'run-1', '0.1'], 't').exitCode).toBe(0);
    expect(world.log.ran).toEqual(['a']);
  });

  it('copies the map list to an output file after a successful fan-out only', () => {
    const world = createWorld(oraclePipeline('composite'), scenario([], { items: ['a'] }));
    const script = 'magnus fan "$0" m --mode out --file dag.yaml --log-level WARNING && cp /tmp/output.txt "$1"';
    const result = runContainer(world, ['sh', '-c', script, 'run-1', '/out/iterate_on'], 't');
    expect(result.files.get('/out/iterate_on')).toBe(result.files.get(MAP_OUTPUT_FILE));
  });

  it('splits &&, || and ; and expands only quoted positional parameters', () => {
    expect(parseScript(`a "$1" && b 'x y' || c; d`, ['zero', 'one two'])).toEqual([
      { words: ['a', 'one two'], after: ';' },
      { words: ['b', 'x y'], after: '&&' },
      { words: ['c'], after: '||' },
      { words: ['d'], after: ';' },
    ]);
  });

  it('writes `printf TEXT > "$n"` to the file: the status of a wrapped step', () => {
    const world = createWorld(oraclePipeline('on-failure'), scenario(['a']));
    const script = 'magnus execute_single_node "$0" a --log-level WARNING --file dag.yaml || magnus execute_single_node "$0" a --log-level WARNING --file dag.yaml && printf succeeded > "$1" || printf failed > "$1"';
    const result = runContainer(world, ['sh', '-c', script, 'run-1', '/out/status'], 't');
    expect(result).toMatchObject({ exitCode: 0, files: new Map([['/out/status', 'failed']]) });
    expect(world.log.ran).toEqual(['a', 'a']);
  });

  it('runs `{ sleep N; … }` groups as one command: the backoff between the attempts of a wrapped step', () => {
    expect(parseScript('a || { sleep 5; b "$1"; } && c', ['zero', 'one'])).toEqual([
      { words: ['a'], after: ';' },
      { group: [{ words: ['sleep', '5'], after: ';' }, { words: ['b', 'one'], after: ';' }], after: '||' },
      { words: ['c'], after: '&&' },
    ]);
    const magnus = 'magnus execute_single_node "$0" a --log-level WARNING --file dag.yaml';
    const script = `${magnus} || { sleep 30; ${magnus}; } || { sleep 60; ${magnus}; } && printf succeeded > "$1" || printf failed > "$1"`;
    const recovering = createWorld(oraclePipeline('on-failure'), scenario([], {}, { failingAttempts: { a: 1 } }));
    expect(runContainer(recovering, ['sh', '-c', script, 'run-1', '/out/status'], 't').files.get('/out/status')).toBe('succeeded');
    expect(recovering.log.ran).toEqual(['a', 'a']); // the third attempt is not made
    const failing = createWorld(oraclePipeline('on-failure'), scenario(['a']));
    expect(runContainer(failing, ['sh', '-c', script, 'run-1', '/out/status'], 't')).toMatchObject({ exitCode: 0, files: new Map([['/out/status', 'failed']]) });
    expect(failing.log.ran).toEqual(['a', 'a', 'a']);
  });

  it('refuses what it does not model: pipes, other redirections, unquoted expansions, other programs', () => {
    expect(() => parseScript('{ a }', [])).toThrow(/unquoted `}`/);
    expect(() => parseScript('{ a; ', [])).toThrow(/unclosed `{`/);
    expect(() => parseScript('a; }', [])).toThrow(/`}` without `{`/);
    expect(() => parseScript('{ a; } b', [])).toThrow(/words after `}`/);
    expect(() => runContainer(createWorld(oraclePipeline('on-failure'), scenario()), ['sh', '-c', 'false || { exit 1; }'], 't')).toThrow(/exit inside/);
    expect(() => parseScript('a | b', [])).toThrow(/unquoted `\|`/);
    expect(() => parseScript('a >> f', [])).toThrow(/unquoted `>`/);
    expect(() => parseScript('a 2> f', [])).toThrow(/unquoted `>`/);
    expect(() => parseScript('printf x >', [])).toThrow(/without a file/);
    expect(() => parseScript('a $1', ['x', 'y'])).toThrow(/unquoted `\$`/);
    const world = createWorld(oraclePipeline('on-failure'), scenario());
    expect(() => runContainer(world, ['sh', '-c', 'python -m x'], 't')).toThrow(/the program "python"/);
    expect(() => runContainer(world, ['python', '-m', 'x'], 't')).toThrow(/neither magnus nor sh -c/);
    expect(() => runContainer(world, ['sh', '-c', 'magnus x > f'], 't')).toThrow(/magnus x > f/);
    expect(() => runContainer(world, ['sh', '-c', 'printf "%s" > f'], 't')).toThrow(/printf %s > f/);
  });
});
