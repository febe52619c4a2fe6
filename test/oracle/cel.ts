import { OracleUnsupported } from './scenario';

/**
 * The part of CEL a `triggerPolicy.condition` may use here, evaluated as the KFP driver does
 * (backend/src/v2/expression: the task's resolved inputs as `inputs.parameter_values`): string
 * comparisons of input values, `&&`, `||`, `!` and parentheses — what `dsl.If` / `dsl.Elif` /
 * `dsl.Else` compile to for string outputs. Anything else is refused, never guessed.
 */
export function evaluateCondition(text: string, inputs: Record<string, unknown>, where: string): boolean {
  const tokens = tokenize(text, where);
  let i = 0;
  const refuse = (what: string): never => {
    throw new OracleUnsupported(where, `the condition ${JSON.stringify(text)}: ${what}`);
  };
  const peek = () => tokens[i];
  const take = (kind: string) => (tokens[i]?.kind === kind ? tokens[i++] : refuse(`expected ${kind} at token ${i + 1}`));

  const operand = (): string => {
    const token = tokens[i++];
    if (token?.kind === 'string') return token.value;
    if (token?.kind === 'input') {
      if (!Object.hasOwn(inputs, token.value)) refuse(`the task has no input ${token.value} (the driver fails: no such key)`);
      const value = inputs[token.value];
      if (typeof value !== 'string') refuse(`input ${token.value} is ${JSON.stringify(value)}, not a string`);
      return value as string;
    }
    return refuse(`expected a string or inputs.parameter_values['…'] at token ${i}`);
  };
  const primary = (): boolean => {
    if (peek()?.kind === '(') {
      i++;
      const value = or();
      take(')');
      return value;
    }
    const left = operand();
    const op = tokens[i++];
    if (op?.kind !== '==' && op?.kind !== '!=') return refuse('a comparison needs == or !=');
    const right = operand();
    return op.kind === '==' ? left === right : left !== right;
  };
  const unary = (): boolean => {
    if (peek()?.kind === '!') {
      i++;
      return !unary();
    }
    return primary();
  };
  const and = (): boolean => {
    let value = unary();
    while (peek()?.kind === '&&') {
      i++;
      // CEL's && and || are commutative and total; every operand is evaluated either way here.
      const right = unary();
      value = value && right;
    }
    return value;
  };
  const or = (): boolean => {
    let value = and();
    while (peek()?.kind === '||') {
      i++;
      const right = and();
      value = value || right;
    }
    return value;
  };
  const result = or();
  if (i !== tokens.length) refuse(`unexpected ${tokens[i].kind} at token ${i + 1}`);
  return result;
}

interface Token {
  kind: 'string' | 'input' | '(' | ')' | '!' | '&&' | '||' | '==' | '!=';
  value: string;
}

const INPUT = /^inputs\.parameter_values\[('([^'\\]*)'|"([^"\\]*)")\]/;

function tokenize(text: string, where: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const input = INPUT.exec(rest);
    if (input) {
      tokens.push({ kind: 'input', value: input[2] ?? input[3] });
      i += input[0].length;
      continue;
    }
    const string = /^('([^'\\]*)'|"([^"\\]*)")/.exec(rest);
    if (string) {
      tokens.push({ kind: 'string', value: string[2] ?? string[3] });
      i += string[0].length;
      continue;
    }
    const op = ['&&', '||', '==', '!=', '(', ')', '!'].find((o) => rest.startsWith(o));
    if (!op) throw new OracleUnsupported(where, `the condition ${JSON.stringify(text)}: ${JSON.stringify(rest.slice(0, 12))}…`);
    tokens.push({ kind: op as Token['kind'], value: op });
    i += op.length;
  }
  return tokens;
}
