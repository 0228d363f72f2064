/**
 * The names of the parse tasks and the options a request may carry, apart from the parser, so
 * message checks (lib/protocol.ts, which the surfaces bundle) do not carry the parsing code.
 */
export const PARSE_TASKS = ['topic', 'head', 'snapshot'] as const;
export type ParseTaskName = (typeof PARSE_TASKS)[number];

export function isParseTask(value: unknown): value is ParseTaskName {
  return (PARSE_TASKS as readonly unknown[]).includes(value);
}

/** What the `snapshot` task needs besides the page: what the content script is told by the background. */
export interface ParseOptions {
  /** The URL the user listed, when the page answered from another (redirects). */
  requestedUrl?: string;
  /** The page's registrable domain (the background decides it: the page half has no suffix list). */
  pageDomain?: string | null;
}
