import { describe, expect, it } from 'vitest';
import { oraclePipeline } from './load';
import { runMagnus } from './magnus';
import { scenario } from './scenario';

describe('runMagnus (magnus §4.8 on the model)', () => {
  const onFailure = oraclePipeline('on-failure');
  const composite = oraclePipeline('composite');

  it('follows next while steps succeed', () => {
    expect(runMagnus(onFailure, scenario())).toEqual({ ran: ['a', 'b', 'success'], succeeded: true });
  });

  it('follows on_failure when a step with one fails, and can still succeed', () => {
    expect(runMagnus(onFailure, scenario(['a']))).toEqual({ ran: ['a', 'c', 'success'], succeeded: true });
  });

  it('goes to the graph’s fail step when a step without on_failure fails', () => {
    expect(runMagnus(onFailure, scenario(['b']))).toEqual({ ran: ['a', 'b', 'fail'], succeeded: false });
    expect(runMagnus(onFailure, scenario(['a', 'c']))).toEqual({ ran: ['a', 'c', 'fail'], succeeded: false });
  });

  it('runs every branch and every map item, with items in the runtime names', () => {
    const run = runMagnus(composite, scenario([], { items: ['a', 'b'] }));
    expect(run.ran).toEqual(['p.one.x', 'p.one.success', 'p.two.y', 'p.two.success', 'm.a.z', 'm.a.success', 'm.b.z', 'm.b.success', 'success']);
    expect(run.succeeded).toBe(true);
  });

  it('still runs the other branches when one fails, then fails the composite', () => {
    const run = runMagnus(composite, scenario(['p.one.x'], { items: ['a'] }));
    expect(run).toEqual({ ran: ['p.one.x', 'p.one.fail', 'p.two.y', 'p.two.success', 'fail'], succeeded: false });
  });

  it('fails a map when one iteration fails, after running all of them', () => {
    const run = runMagnus(composite, scenario(['m.a.z'], { items: ['a', 'b'] }));
    expect(run).toEqual({ ran: ['p.one.x', 'p.one.success', 'p.two.y', 'p.two.success', 'm.a.z', 'm.a.fail', 'm.b.z', 'm.b.success', 'fail'], succeeded: false });
  });

  it('lets a map over an empty list succeed', () => {
    expect(runMagnus(composite, scenario([], { items: [] })).succeeded).toBe(true);
  });

  it('retries a step up to max_attempts; a failed attempt without on_failure runs the fail step in its container', () => {
    const retried = oraclePipeline('on-failure-everywhere', { 'nested.yaml': 'on-failure-nested' });
    const run = runMagnus(retried, scenario([], { items: [] }, { failingAttempts: { 'p.one.x': 1 } }));
    expect(run.ran.filter((n) => n.startsWith('p.one.'))).toEqual(['p.one.x', 'p.one.x', 'p.one.success']);
    const handled = runMagnus(retried, scenario(['p.one.x'], { items: [] }));
    expect(handled.ran.filter((n) => n.startsWith('p.one.'))).toEqual(['p.one.x', 'p.one.x', 'p.one.cleanup', 'p.one.success']);
    const implicit = runMagnus(oraclePipeline('on-failure'), scenario([], {}, { failingAttempts: { b: 1 } }));
    expect(implicit).toEqual({ ran: ['a', 'b', 'fail'], succeeded: false });
  });

  it('refuses a map whose list the scenario does not give', () => {
    expect(() => runMagnus(composite, scenario())).toThrow(/no list for iterate_on "items"/);
  });
});
