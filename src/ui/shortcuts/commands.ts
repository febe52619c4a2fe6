/**
 * Commands only a mounted component can carry out — fitting the view (React Flow's), laying the
 * graphs out (the Auto layout button's, with the canvas's collapsed groups) — registered by that
 * component so a shortcut runs exactly what its button does.
 */
import { useEffect, useRef } from 'react';

export type CommandId = 'fit' | 'layout';

const commands = new Map<CommandId, () => void>();

/** Runs a registered command; false when no component offers it (the canvas is not shown). */
export function runCommand(id: CommandId): boolean {
  const command = commands.get(id);
  command?.();
  return command !== undefined;
}

export function useShortcutCommand(id: CommandId, command: () => void) {
  const latest = useRef(command);
  useEffect(() => {
    latest.current = command;
  });
  useEffect(() => {
    const run = () => latest.current();
    commands.set(id, run);
    return () => {
      if (commands.get(id) === run) commands.delete(id);
    };
  }, [id]);
}
