import { OracleUnsupported } from './scenario';

/**
 * The few shell constructs a container command may use to wrap magnus (`sh -c 'exec env
 * MAGNUS_PRM_x="$1" magnus …' run-id x`, `magnus fan … && cp /tmp/output.txt "$2"`,
 * `magnus execute_single_node … fail …; exit 1`, `magnus … || { sleep 30; magnus …; } && printf
 * succeeded > "$1" || printf failed > "$1"`). Anything beyond them is refused rather than guessed, so
 * a change in the emitted script cannot be misread.
 */

/** Runs a program other than the shell's own few; returns its exit status. */
export type ProgramRunner = (argv: string[], env: Record<string, string>) => number;

type Command = SimpleCommand | GroupCommand;
interface SimpleCommand {
  words: string[];
  /** How this command hangs on the previous one. */
  after: ';' | '&&' | '||';
  /** `> file`: where its standard output goes. */
  stdout?: string;
}
/** `{ list; }`: the list's status, as one command of the and-or list around it. */
interface GroupCommand {
  group: Command[];
  after: SimpleCommand['after'];
}

/** `sh -c script $0 $1 …`: the exit status of the script. `files` is the container's file system. */
export function runShellScript(script: string, positional: string[], files: Map<string, string>, run: ProgramRunner): number {
  return runList(parseScript(script, positional), files, run, true);
}

function runList(commands: Command[], files: Map<string, string>, run: ProgramRunner, outermost: boolean): number {
  let status = 0;
  for (const command of commands) {
    const runs = command.after === ';' || (command.after === '&&' ? status === 0 : status !== 0);
    if (!runs) continue;
    if ('group' in command) {
      status = runList(command.group, files, run, false);
      continue;
    }
    // `exit` or `exec` inside a group would end the whole script: no emitted script does it.
    if (!outermost && (command.words[0] === 'exit' || command.words[0] === 'exec')) throw new OracleUnsupported('a container script', `${command.words[0]} inside { … }`);
    if (command.words[0] === 'exit') return exitStatus(command.words, status);
    const exec = command.words[0] === 'exec';
    if (command.stdout !== undefined) {
      status = printfTo(command.words, command.stdout, files);
      continue;
    }
    status = runCommand(exec ? command.words.slice(1) : command.words, {}, files, run);
    if (exec) return status;
  }
  return status;
}

/** `printf TEXT > FILE`, the only redirected command: TEXT without `%` or `\` is written as it is. */
function printfTo(words: string[], file: string, files: Map<string, string>): number {
  if (words[0] !== 'printf' || words.length !== 2 || /[%\\]/.test(words[1])) throw new OracleUnsupported('a container script', `${words.join(' ')} > ${file}`);
  files.set(file, words[1]);
  return 0;
}

/** The `exit [n]` builtin: the given status, or that of the last command. */
function exitStatus(words: string[], last: number): number {
  if (words.length === 1) return last;
  if (words.length !== 2 || !/^[0-9]+$/.test(words[1])) throw new OracleUnsupported('a container script', words.join(' '));
  return Number(words[1]) % 256;
}

function runCommand(words: string[], env: Record<string, string>, files: Map<string, string>, run: ProgramRunner): number {
  // Leading NAME=value words are assignments for the command, for the shell as for env(1).
  let i = 0;
  const scoped = { ...env };
  while (i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i])) {
    const [name, ...value] = words[i++].split('=');
    scoped[name] = value.join('=');
  }
  const [program, ...args] = words.slice(i);
  switch (program) {
    case undefined:
      return 0;
    case 'env':
      return runEnv(args, scoped, files, run);
    case 'cp':
      if (args.length !== 2 || args.some((a) => a.startsWith('-'))) throw new OracleUnsupported('a container script', `cp ${args.join(' ')}`);
      if (!files.has(args[0])) return 1;
      files.set(args[1], files.get(args[0])!);
      return 0;
    case 'mkdir':
      return 0;
    case 'true':
      return 0;
    case 'sleep':
      // The oracle's clock does not move: a wait between attempts changes nothing it observes.
      if (args.length !== 1 || !/^[0-9]+$/.test(args[0])) throw new OracleUnsupported('a container script', `sleep ${args.join(' ')}`);
      return 0;
    case 'false':
      return 1;
    default:
      return run([program, ...args], scoped);
  }
}

/** env(1): `NAME=value` words (any name without `=`, unlike shell assignments), then the command. */
function runEnv(args: string[], env: Record<string, string>, files: Map<string, string>, run: ProgramRunner): number {
  let i = 0;
  const scoped = { ...env };
  for (; i < args.length && args[i].includes('='); i++) {
    if (args[i].startsWith('-')) throw new OracleUnsupported('a container script', `env option ${args[i]}`);
    const at = args[i].indexOf('=');
    scoped[args[i].slice(0, at)] = args[i].slice(at + 1);
  }
  if (args[i]?.startsWith('-')) throw new OracleUnsupported('a container script', `env option ${args[i]}`);
  return runCommand(args.slice(i), scoped, files, run);
}

/** Splits a script into simple commands, expanding quoted positional parameters as it goes. */
export function parseScript(script: string, positional: string[]): Command[] {
  const refuse = (what: string) => {
    throw new OracleUnsupported('a container script', `${what} in ${JSON.stringify(script)}`);
  };
  let commands: Command[] = [];
  /** The lists of the groups `{` opened around the current one, and how each group hangs on what came before. */
  const open: { commands: Command[]; after: Command['after'] }[] = [];
  /** A group just closed: the next `&&`, `||` or `;` follows it. */
  let closed = false;
  let words: string[] = [];
  let word: string | undefined;
  let after: Command['after'] = ';';
  /** After `>`: the next word is the file, not an argument. */
  let redirecting = false;
  let stdout: string | undefined;
  const endWord = () => {
    if (word !== undefined) {
      if (redirecting) {
        if (stdout !== undefined) refuse('two redirections of one command');
        stdout = word;
        redirecting = false;
      } else {
        if (stdout !== undefined) refuse('words after a redirection');
        words.push(word);
      }
    }
    word = undefined;
  };
  const endCommand = (next: Command['after']) => {
    endWord();
    if (redirecting) refuse('`>` without a file');
    if (closed) {
      if (words.length > 0 || stdout !== undefined) refuse('words after `}`');
      closed = false;
      after = next;
      return;
    }
    if (words.length === 0 && next !== ';') refuse(`\`${next}\` without a command before it`);
    if (words.length > 0) commands.push({ words, after, ...(stdout !== undefined ? { stdout } : {}) });
    else if (stdout !== undefined) refuse('a redirection without a command');
    words = [];
    stdout = undefined;
    after = next;
  };
  /** Where a command may begin: `{` and `}` are reserved words only there. */
  const atCommandStart = () => word === undefined && words.length === 0 && stdout === undefined && !redirecting && !closed;
  const positionalAt = (digits: string) => {
    const n = Number(digits);
    if (n >= positional.length) refuse(`$${digits} with only ${positional.length} arguments`);
    return positional[n];
  };

  let i = 0;
  while (i < script.length) {
    const c = script[i];
    if (c === ' ' || c === '\t') {
      endWord();
      i++;
    } else if (c === '\n' || c === ';') {
      endCommand(';');
      i++;
    } else if (script.startsWith('&&', i) || script.startsWith('||', i)) {
      endCommand(script.slice(i, i + 2) as '&&' | '||');
      i += 2;
    } else if (c === '{' && ' \t\n'.includes(script[i + 1] ?? '') && atCommandStart()) {
      open.push({ commands, after });
      commands = [];
      after = ';';
      i++;
    } else if (c === '}' && atCommandStart()) {
      // Only after `;` or a newline, as in sh: `{ a }` would be `a` with the argument `}`.
      const outer = open.pop();
      if (outer === undefined) refuse('`}` without `{`');
      if (commands.length === 0) refuse('an empty `{ }`');
      outer!.commands.push({ group: commands, after: outer!.after });
      commands = outer!.commands;
      closed = true;
      i++;
    } else if (c === '#' && word === undefined) {
      while (i < script.length && script[i] !== '\n') i++;
    } else if (c === "'") {
      const end = script.indexOf("'", i + 1);
      if (end < 0) refuse('an unclosed single quote');
      word = (word ?? '') + script.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      let text = '';
      i++;
      while (i < script.length && script[i] !== '"') {
        if (script[i] === '\\' && '$`"\\\n'.includes(script[i + 1] ?? '')) {
          text += script[i + 1] === '\n' ? '' : script[i + 1];
          i += 2;
        } else if (script[i] === '$') {
          const match = /^\$(?:(\d)|\{(\d+)\})/.exec(script.slice(i));
          if (!match) refuse(`the expansion ${script.slice(i, i + 8)}…`);
          text += positionalAt(match![1] ?? match![2]);
          i += match![0].length;
        } else if (script[i] === '`') {
          refuse('command substitution');
        } else {
          text += script[i++];
        }
      }
      if (i >= script.length) refuse('an unclosed double quote');
      word = (word ?? '') + text;
      i++;
    } else if (c === '\\') {
      if (script[i + 1] !== '\n') word = (word ?? '') + (script[i + 1] ?? '');
      i += 2;
    } else if (c === '>' && script[i + 1] !== '>' && script[i + 1] !== '&' && script[i + 1] !== '|' && word === undefined) {
      // `> file` (truncate): only between words, never `>>`, `>&`, `>|` or `2>`.
      endWord();
      if (redirecting) refuse('`>` twice');
      redirecting = true;
      i++;
    } else if ('$`|&<>(){}'.includes(c)) {
      // Unquoted expansions are split into fields, redirections and sub-shells change what runs.
      refuse(`the unquoted \`${c}\``);
    } else {
      word = (word ?? '') + c;
      i++;
    }
  }
  endCommand(';');
  if (open.length > 0) refuse('an unclosed `{`');
  return commands;
}
