/**
 * Parser for Argo's DAG `depends` expressions, e.g. `a.Succeeded || (b.Failed && !c)`.
 * Argo rewrites task names and results into an `expr` program; anything that does not fit this
 * grammar fails at run time, so we parse it up front and collect the task names it mentions.
 */

export const DEPENDS_RESULTS = [
  'Succeeded',
  'Failed',
  'Errored',
  'Skipped',
  'Omitted',
  'Daemoned',
  'AnySucceeded',
  'AllFailed',
] as const;

/** Results that aggregate over loop iterations, valid only on tasks with withItems/withParam/withSequence. */
export const ITEM_RESULTS: ReadonlySet<string> = new Set(['AnySucceeded', 'AllFailed']);

export interface DependsReference {
  task: string;
  result?: string;
}

export type DependsParse = { ok: true; references: DependsReference[] } | { ok: false; error: string };

type Token = { kind: 'and' | 'or' | 'not' | 'open' | 'close' } | { kind: 'task'; reference: DependsReference };
type Positioned = Token & { column: number };

const TOKEN_PATTERN = /\s*(?:(&&)|(\|\|)|(!)|(\()|(\))|([a-zA-Z0-9][-a-zA-Z0-9]*)(?:\.([a-zA-Z]+))?)/y;

export function parseDepends(expression: string): DependsParse {
  const tokens = tokenize(expression);
  if (typeof tokens === 'string') return { ok: false, error: tokens };
  if (tokens.length === 0) return { ok: false, error: 'the expression is empty' };
  const parser = new DependsParser(tokens);
  const error = parser.parse();
  return error ? { ok: false, error } : { ok: true, references: parser.references };
}

function tokenize(expression: string): Positioned[] | string {
  const tokens: Positioned[] = [];
  TOKEN_PATTERN.lastIndex = 0;
  while (TOKEN_PATTERN.lastIndex < expression.length) {
    const start = TOKEN_PATTERN.lastIndex;
    const match = TOKEN_PATTERN.exec(expression);
    if (!match) {
      if (expression.slice(start).trim() === '') break;
      const offset = start + (expression.slice(start).length - expression.slice(start).trimStart().length);
      return `unexpected "${expression[offset]}" at column ${offset + 1}`;
    }
    const column = start + (match[0].length - match[0].trimStart().length) + 1;
    const token = toToken(match);
    if (typeof token === 'string') return `${token} at column ${column}`;
    tokens.push({ ...token, column });
  }
  return tokens;
}

function toToken(match: RegExpExecArray): Token | string {
  if (match[1]) return { kind: 'and' };
  if (match[2]) return { kind: 'or' };
  if (match[3]) return { kind: 'not' };
  if (match[4]) return { kind: 'open' };
  if (match[5]) return { kind: 'close' };
  const result = match[7];
  if (result !== undefined && !(DEPENDS_RESULTS as readonly string[]).includes(result))
    return `unknown task result ".${result}" (expected one of ${DEPENDS_RESULTS.map((r) => '.' + r).join(', ')})`;
  return { kind: 'task', reference: result === undefined ? { task: match[6] } : { task: match[6], result } };
}

/** Recursive descent over `or := and ('||' and)*`, `and := unary ('&&' unary)*`, `unary := '!' unary | '(' or ')' | task`. */
class DependsParser {
  readonly references: DependsReference[] = [];
  private position = 0;

  constructor(private readonly tokens: Positioned[]) {}

  parse(): string | undefined {
    const error = this.or();
    if (error) return error;
    const extra = this.tokens[this.position];
    return extra ? `unexpected ${describe(extra)} at column ${extra.column}` : undefined;
  }

  private or(): string | undefined {
    return this.chain('or', () => this.and());
  }

  private and(): string | undefined {
    return this.chain('and', () => this.unary());
  }

  private chain(operator: 'and' | 'or', operand: () => string | undefined): string | undefined {
    let error = operand();
    while (!error && this.tokens[this.position]?.kind === operator) {
      this.position++;
      error = operand();
    }
    return error;
  }

  private unary(): string | undefined {
    const token = this.tokens[this.position];
    if (!token) return 'the expression ends where a task name was expected';
    this.position++;
    if (token.kind === 'not') return this.unary();
    if (token.kind === 'task') {
      this.references.push(token.reference);
      return undefined;
    }
    if (token.kind !== 'open') return `expected a task name, "!" or "(" but found ${describe(token)} at column ${token.column}`;
    const error = this.or();
    if (error) return error;
    const close = this.tokens[this.position];
    if (close?.kind !== 'close') return close ? `expected ")" at column ${close.column}` : 'missing ")"';
    this.position++;
    return undefined;
  }
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'and':
      return '"&&"';
    case 'or':
      return '"||"';
    case 'not':
      return '"!"';
    case 'open':
      return '"("';
    case 'close':
      return '")"';
    case 'task':
      return `task "${token.reference.task}"`;
  }
}
