/**
 * What the outside world decides in a run, which no pipeline document says: which steps fail and
 * what the maps' lists hold. Every interpreter of the oracle takes the same scenario, so their
 * runs can be compared.
 */
export interface Scenario {
  /**
   * Runtime names of task/stub steps that fail when run (the magnus internal name with each
   * `map_variable_placeholder` replaced by the current item of its map, e.g. `outer.a.inner.x`).
   * Success and fail steps never fail: magnus's terminal nodes only set the branch status.
   */
  failing: Set<string>;
  /** The list each `iterate_on` parameter holds when its map runs. */
  items: Record<string, string[]>;
  /**
   * Runtime names of task/stub steps whose first N attempts fail, the next one succeeding (a step
   * in `failing` fails every attempt). With max_attempts > N the step recovers by retrying.
   */
  failingAttempts: Record<string, number>;
  /**
   * How long one attempt of a step takes, by runtime name (a composite's name for its fan-out and
   * fan-in), in the time units of the interpreters that model time (KFP v2); 1 when not given.
   * Branches that end at different times are what exposes a fan-in that runs too early.
   */
  durations: Record<string, number>;
}

/** What a run did, in magnus terms: comparable between magnus itself and the emitted documents. */
export interface Run {
  /** Runtime names of the executable steps run (task, stub, success, fail — also a fail step run implicitly). */
  ran: string[];
  succeeded: boolean;
  /**
   * Composites whose fan-out ran but whose fan-in never did: magnus's run log keeps their step
   * open. Never set by magnus itself; set by an interpreter only when non-empty.
   */
  unjudged?: string[];
  /** Composites whose fan-in ran more than once (magnus judges a composite once). Set only when non-empty. */
  judgedTwice?: string[];
}

export const scenario = (failing: Iterable<string> = [], items: Record<string, string[]> = {}, more: Partial<Pick<Scenario, 'failingAttempts' | 'durations'>> = {}): Scenario => ({
  failing: new Set(failing),
  items,
  failingAttempts: more.failingAttempts ?? {},
  durations: more.durations ?? {},
});

/** Whether attempt `attempt` (1-based) of the step with this runtime name fails. */
export const attemptFails = (s: Scenario, runtimeName: string, attempt: number) =>
  s.failing.has(runtimeName) || (Object.hasOwn(s.failingAttempts, runtimeName) && attempt <= s.failingAttempts[runtimeName]);

/**
 * Failure scenarios of the hand-written `composite` fixture (a parallel `p` with branch `one`,
 * a map `m` over `items`), shared by the interpreters' tests.
 */
export const COMPOSITE_SCENARIOS: readonly [string, Scenario][] = [
  ['nothing fails', scenario([], { items: ['a', 'b'] })],
  ['a parallel branch fails', scenario(['p.one.x'], { items: ['a', 'b'] })],
  ['one map iteration fails', scenario(['m.b.z'], { items: ['a', 'b'] })],
  ['the map list is empty', scenario([], { items: [] })],
  ['everything fails', scenario(['p.one.x', 'm.a.z'], { items: ['a'] })],
];

/**
 * Failure scenarios of `on-failure-everywhere` (on_failure at the top, in a parallel branch, in a
 * map branch, in a nested dag file, on a composite), with retries and branches that end at
 * different times; shared by the interpreters' tests.
 */
export const ON_FAILURE_SCENARIOS: readonly [string, Scenario][] = [
  ['nothing fails', scenario([], { items: ['a', 'b'] })],
  ['on_failure at the top level', scenario(['start'], { items: ['a'] })],
  ['on_failure inside a parallel branch, after every attempt failed', scenario(['p.one.x'], { items: ['a'] })],
  ['a first attempt fails and the retry succeeds', scenario([], { items: ['a'] }, { failingAttempts: { 'p.one.x': 1 } })],
  ['on_failure inside a map branch recovers the iteration', scenario(['m.b.z'], { items: ['a', 'b'] })],
  ['on_failure inside a map branch ends at the fail step', scenario(['m.b.z', 'm.b.handle'], { items: ['a', 'b'] })],
  ['on_failure inside a nested dag file', scenario(['d.dag.n'], { items: [] })],
  ['a composite with on_failure fails', scenario(['q.only.w'], { items: ['a'] })],
  ['the handler of a failed composite fails too', scenario(['q.only.w', 'recover'], { items: ['a'] })],
  ['parallel branches end at different times', scenario([], { items: ['a', 'b'] }, { durations: { 'p.two.y': 5, 'p.two.y2': 4, 'm.a.z': 3 } })],
  ['a quick branch fails while the other still runs', scenario(['p.two.y'], { items: ['a'] }, { durations: { 'p.one.x': 6, 'p.two.y': 1 } })],
  ['everything fails', scenario(['start', 'rescue', 'p.one.x', 'p.one.cleanup', 'm.a.z', 'm.a.handle', 'd.dag.n', 'd.dag.fallback'], { items: ['a'] })],
];

/** The same steps the same number of times: branches run concurrently, so order carries no meaning. */
export const asMultiset = (ran: readonly string[]) => [...ran].sort();

/** Thrown for a document the interpreters cannot read with certainty: better no verdict than a wrong one. */
export class OracleUnsupported extends Error {
  constructor(where: string, what: string) {
    super(`oracle cannot interpret ${where}: ${what}`);
    this.name = 'OracleUnsupported';
  }
}
