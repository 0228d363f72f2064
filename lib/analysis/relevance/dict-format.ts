/**
 * Text format of the bilingual tables (public/relevance/dict/<lang>.txt), shared by the generator
 * (scripts/relevance/build-dicts.ts) and the loader (lib/analysis/relevance/dictionary.ts):
 *
 *   line 1: `dict1 <rows> <first word> <last word>` — the glove-en.bin the rows index (checked on load)
 *   then one key a line, most frequent first: `key<TAB>row[:w] row[:w] …`
 *   (row in base 36; w the weight in ninths, 1–9, left out when the key has one target).
 */
export const DICT_MAX_TARGETS = 3;

export interface DictEntry {
  key: string;
  targets: { row: number; weight: number }[];
}

export interface DictHeader {
  rows: number;
  first: string;
  last: string;
}

export function encodeDictionary(h: DictHeader, entries: DictEntry[]): string {
  const lines = [`dict1 ${h.rows} ${h.first} ${h.last}`];
  for (const e of entries) {
    if (!e.key || /[\t\n]/.test(e.key) || !e.targets.length) continue;
    const t = e.targets.length === 1 ? [e.targets[0]!.row.toString(36)] : e.targets.map((x) => `${x.row.toString(36)}:${Math.max(1, Math.min(9, Math.round(x.weight * 9)))}`);
    lines.push(`${e.key}\t${t.join(' ')}`);
  }
  return lines.join('\n') + '\n';
}

/** Parsed table: key → rows and weights (weights of a key sum to 1). */
export interface ParsedDictionary {
  header: DictHeader;
  entries: Map<string, { rows: number[]; weights: number[] }>;
}

export function decodeDictionary(text: string): ParsedDictionary {
  const lines = text.split('\n');
  const [magic, rows, first, last] = (lines[0] ?? '').split(' ');
  if (magic !== 'dict1') throw new Error('dictionary: bad header');
  const entries = new Map<string, { rows: number[]; weights: number[] }>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const tab = line.indexOf('\t');
    if (tab <= 0) continue;
    const r: number[] = [];
    const w: number[] = [];
    for (const t of line.slice(tab + 1).split(' ')) {
      const [row, weight] = t.split(':');
      r.push(parseInt(row!, 36));
      w.push(weight ? Number(weight) : 9);
    }
    const sum = w.reduce((a, b) => a + b, 0);
    entries.set(line.slice(0, tab), { rows: r, weights: w.map((x) => x / sum) });
  }
  return { header: { rows: Number(rows), first: first ?? '', last: last ?? '' }, entries };
}
