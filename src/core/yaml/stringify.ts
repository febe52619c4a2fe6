import { stringify } from 'yaml';

/**
 * YAML as every consumer reads it the same way: Go and Python YAML 1.1 parsers (Argo, KFP, PyYAML)
 * read unquoted `yes`, `on`, `0755` or dates as booleans, octals or timestamps; version 1.1 output
 * quotes such strings, and YAML 1.2 readers (magnus's ruamel) read the quoted text unchanged.
 * No line folding, so commands and names stay on one line and diff cleanly.
 */
export function toYaml(value: unknown): string {
  return stringify(value, { version: '1.1', lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false });
}
