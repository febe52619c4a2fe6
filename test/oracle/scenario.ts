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
}

export const scenario = (failing: Iterable<string> = [], items: Record<string, string[]> = {}): Scenario => ({ failing: new Set(failing), items });

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

/** The same steps the same number of times: branches run concurrently, so order carries no meaning. */
export const asMultiset = (ran: readonly string[]) => [...ran].sort();

/** Thrown for a document the interpreters cannot read with certainty: better no verdict than a wrong one. */
export class OracleUnsupported extends Error {
  constructor(where: string, what: string) {
    super(`oracle cannot interpret ${where}: ${what}`);
    this.name = 'OracleUnsupported';
  }
}
