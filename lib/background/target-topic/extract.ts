/**
 * Topic text of a fetched HTML page without a DOM (the MV3 background has no DOMParser): title,
 * meta description, h1–h3 headings and the first words of the visible text outside
 * header/nav/footer/aside, with scripts, styles and comments removed.
 */
export interface ExtractedTopic {
  title: string;
  description: string;
  headings: string[];
  /** Title + description + headings + main text excerpt: what relevance compares against. */
  text: string;
  lang: string | null;
}

const MAX_HTML = 1_500_000;
const MAX_TEXT = 8_000;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

const clean = (s: string) => decodeEntities(s.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();

function attr(tag: string, name: string): string | null {
  const m = tag.match(new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i'));
  return m ? (m[2] ?? m[3] ?? m[4] ?? '') : null;
}

export function extractTopic(htmlIn: string): ExtractedTopic {
  let html = htmlIn.slice(0, MAX_HTML).replace(/<!--[\s\S]*?-->/g, ' ');
  html = html.replace(/<(script|style|noscript|template|svg)\b[\s\S]*?<\/\1\s*>/gi, ' ');
  const title = clean(html.match(/<title\b[^>]*>([\s\S]*?)<\/title\s*>/i)?.[1] ?? '');
  let description = '';
  for (const m of html.matchAll(/<meta\b[^>]*>/gi)) {
    const name = (attr(m[0], 'name') ?? attr(m[0], 'property') ?? '').toLowerCase();
    if (name === 'description' || (!description && name === 'og:description')) description = clean(attr(m[0], 'content') ?? '');
  }
  const lang = attr(html.match(/<html\b[^>]*>/i)?.[0] ?? '', 'lang');
  const headings = [...html.matchAll(/<h([1-3])\b[^>]*>([\s\S]*?)<\/h\1\s*>/gi)].map((m) => clean(m[2] ?? '')).filter(Boolean).slice(0, 30);
  const body = (html.match(/<body\b[^>]*>([\s\S]*)/i)?.[1] ?? html).replace(/<(header|nav|footer|aside|form)\b[\s\S]*?<\/\1\s*>/gi, ' ');
  const main = clean(body).slice(0, MAX_TEXT);
  const text = [title, description, ...headings, main].filter(Boolean).join('\n');
  return { title, description, headings, text, lang: lang || null };
}
