/**
 * The names of the parse tasks, apart from the parser, so message checks (lib/protocol.ts,
 * which the surfaces bundle) do not carry the parsing code.
 */
export const PARSE_TASKS = ['topic', 'head'] as const;
export type ParseTaskName = (typeof PARSE_TASKS)[number];

export function isParseTask(value: unknown): value is ParseTaskName {
  return (PARSE_TASKS as readonly unknown[]).includes(value);
}
