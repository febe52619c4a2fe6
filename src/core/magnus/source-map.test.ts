import { describe, expect, it } from 'vitest';
import type { SourcePos } from '../yaml/source';
import { SourceMap } from './source-map';

const at = (line: number): SourcePos => ({ line, column: 1, endLine: line, endColumn: 5 });

describe('the source map of an import', () => {
  it('works positions out only for the targets looked up, once, the first recorded with a position winning', () => {
    const map = new SourceMap();
    const asked: string[] = [];
    const lazily = (name: string, pos: SourcePos | undefined) => () => {
      asked.push(name);
      return pos;
    };
    map.record({ step: 'a' }, 'dag', lazily('a', at(3)));
    map.record({ step: 'a' }, 'dag', lazily('a again', at(9)));
    // No position where first recorded (a key written without a value, say): the next one counts.
    map.record({ step: 'b' }, 'dag', lazily('b', undefined));
    map.record({ step: 'b' }, 'config', at(7));
    map.record({ step: 'c' }, 'dag', lazily('c', at(11)));
    expect(asked).toEqual([]);

    expect(map.find({ step: 'a' })).toEqual({ file: 'dag', ...at(3) });
    expect(map.find({ step: 'a' })).toEqual({ file: 'dag', ...at(3) });
    expect(map.find({ step: 'b', field: 'command' })).toEqual({ file: 'config', ...at(7) });
    expect(asked).toEqual(['a', 'b']);
    // A diagnostic about `a` gets its position; nothing else was worked out.
    expect(map.attach([{ code: 'X', severity: 'error', message: 'm', step: 'a' }])).toEqual([{ code: 'X', severity: 'error', message: 'm', step: 'a', file: 'dag', ...at(3) }]);
    expect(asked).toEqual(['a', 'b']);
  });

  it('knows nothing of a target whose every record has no position', () => {
    const map = new SourceMap();
    map.record({ graph: '' }, 'dag', () => undefined);
    map.record({ graph: '' }, 'dag', undefined);
    expect(map.find({ graph: 'x' })).toBeUndefined();
    expect(map.find({ graph: '' })).toBeUndefined();
  });
});
