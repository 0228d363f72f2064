/**
 * A small web of gardening blogs for audit tests and the bench (issue #18): a few hundred
 * generated, real-looking posts on ten blogs, each linking — or not — to the user's shop
 * `greenplot.example` in one of the ways audits must tell apart: in the body, nofollow,
 * sponsored, in a comment (ugc), in the footer blogroll, in the sidebar, hidden, inside
 * <noscript>, through an affiliate redirect, added by a script, on a page that turned noindex (by
 * meta tag or X-Robots-Tag), with its canonical elsewhere, gone (404, 410, 500), moved (a
 * redirect on the same blog, to another site, to the home page), and one that answers too slowly.
 *
 * The site is served by any Node HTTP server (`handler`); `state` changes pages between two runs
 * (a removed link, a nofollow added, a page turned noindex) for monitoring tests. Page markup is
 * modelled on WordPress themes (header/nav, article with paragraphs, sidebar widgets, comment
 * list, footer blogroll), written for these tests.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const TARGET_DOMAIN = 'greenplot.example';

export const BLOGS = [
  'gardenjournal.example',
  'urbanharvest.example',
  'seedsavers.example',
  'kitchenplot.example',
  'compostcorner.example',
  'greenthumbs.example',
  'allotmentlife.example',
  'soilnotes.example',
  'balconygrower.example',
  'orchardtales.example',
] as const;

/** How a post links to the target, and what the audit should say about it. */
export const KINDS = [
  'body',
  'body',
  'body',
  'nofollow',
  'sponsored',
  'comment',
  'footer',
  'sidebar',
  'hidden',
  'none',
  'noscript',
  'affiliate',
  'script',
  'noindex',
  'x-robots-noindex',
  'canonical-elsewhere',
  'not-found',
  'gone',
  'server-error',
  'moved',
  'moved-away',
  'moved-home',
  'pdf',
  'slow',
] as const;
export type PageKind = (typeof KINDS)[number];

export const EXPECTED: Record<PageKind, { verdict: 'live' | 'weak' | 'lost' | 'gone' | 'unreachable'; reason?: RegExp }> = {
  body: { verdict: 'live' },
  nofollow: { verdict: 'weak', reason: /rel="nofollow"/ },
  sponsored: { verdict: 'weak', reason: /rel="sponsored"/ },
  comment: { verdict: 'weak', reason: /in the comments/ },
  footer: { verdict: 'weak', reason: /in the footer/ },
  sidebar: { verdict: 'weak', reason: /in the sidebar/ },
  hidden: { verdict: 'weak', reason: /hidden \(display:none\)/ },
  none: { verdict: 'lost', reason: /no link to greenplot\.example/ },
  noscript: { verdict: 'weak', reason: /hidden \(inside <noscript>/ },
  affiliate: { verdict: 'weak', reason: /through a redirect/ },
  script: { verdict: 'lost' },
  noindex: { verdict: 'gone', reason: /noindex \(meta robots\)/ },
  'x-robots-noindex': { verdict: 'gone', reason: /noindex \(X-Robots-Tag\)/ },
  'canonical-elsewhere': { verdict: 'weak', reason: /canonical is another URL/ },
  'not-found': { verdict: 'gone', reason: /HTTP 404/ },
  gone: { verdict: 'gone', reason: /HTTP 410/ },
  'server-error': { verdict: 'gone', reason: /HTTP 500/ },
  moved: { verdict: 'live' },
  'moved-away': { verdict: 'gone', reason: /redirects to another site/ },
  'moved-home': { verdict: 'gone', reason: /home page/ },
  pdf: { verdict: 'gone', reason: /not an HTML page \(application\/pdf\)/ },
  slow: { verdict: 'unreachable', reason: /timed out/ },
};

export interface SitePage {
  host: string;
  path: string;
  kind: PageKind;
  /** The target URL the post links to (for target-column lists). */
  target: string;
}

export interface SiteState {
  /** Paths (host + path) whose link to the target was taken out. */
  removed: Set<string>;
  /** Paths whose link became rel="nofollow". */
  nofollowed: Set<string>;
  /** Paths that turned noindex. */
  noindexed: Set<string>;
  /** How long the slow pages take to answer, ms. */
  slowMs: number;
}

const TOPICS = [
  ['raised-bed-soil-mix', 'The raised bed soil mix we use every spring', 'raised bed soil', 'organic compost'],
  ['heirloom-tomatoes', 'Growing heirloom tomatoes from seed', 'heirloom tomato seeds', 'tomato seedlings'],
  ['winter-greens', 'Six winter greens that shrug off the frost', 'winter salad seeds', 'kale and chard'],
  ['companion-planting', 'Companion planting: what actually works', 'companion planting guide', 'marigolds and basil'],
  ['no-dig-beds', 'Starting a no-dig bed on lawn', 'no-dig gardening kit', 'cardboard mulch'],
  ['seed-saving', 'Saving bean and pea seed for next year', 'open-pollinated seeds', 'seed envelopes'],
  ['balcony-herbs', 'A balcony herb garden in five pots', 'herb seed collection', 'terracotta pots'],
  ['apple-pruning', 'Pruning apple trees in late winter', 'fruit tree pruning saw', 'espalier apples'],
  ['slug-control', 'Keeping slugs off lettuce without pellets', 'organic slug control', 'copper tape'],
  ['green-manure', 'Green manure over winter: clover, rye and vetch', 'green manure seeds', 'crimson clover'],
  ['potato-bags', 'Potatoes in grow bags on a patio', 'seed potatoes', 'grow bags'],
  ['garlic-planting', 'When to plant garlic (and which kind)', 'organic garlic bulbs', 'hardneck garlic'],
] as const;

const SENTENCES = [
  'We have been growing vegetables on this plot for nine seasons, and the soil has changed more than anything else.',
  'A barrow of well-rotted compost in autumn does more for the beds than any feed we have tried in spring.',
  'Keep the seedlings on a bright windowsill and turn the trays every day so the stems grow straight.',
  'Water deeply once or twice a week rather than a little every evening; the roots follow the water down.',
  'Mulching with straw after the first thinning keeps the moisture in and the weeds down through July.',
  'The variety trial this year had twelve tomatoes in it, from cherry types to big beefsteaks for slicing.',
  'If the leaves yellow from the bottom up, it is usually nitrogen; a comfrey tea sorts it out within a fortnight.',
  'We sow little and often: a short row every two weeks gives salad all summer instead of a glut in June.',
  'Netting goes on the brassicas the day they are planted, before the pigeons and butterflies find them.',
  'Rotate the beds so that no family grows in the same place two years running; it keeps clubroot away.',
];

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `count` posts spread over the blogs, kinds cycling so each occurs many times. */
export function sitePages(count = 300, origin: (host: string) => string = (h) => `https://${h}`): SitePage[] {
  const pages: SitePage[] = [];
  for (let i = 0; i < count; i++) {
    const host = BLOGS[i % BLOGS.length]!;
    const topic = TOPICS[i % TOPICS.length]!;
    const kind = KINDS[i % KINDS.length]!;
    const path = `/${2020 + (i % 6)}/${String((i % 12) + 1).padStart(2, '0')}/${topic[0]}-${i}/`;
    pages.push({ host, path, kind, target: `${origin(TARGET_DOMAIN)}/shop/${topic[0]}` });
  }
  return pages;
}

export interface AuditSite {
  pages: SitePage[];
  byPath: Map<string, SitePage>;
  state: SiteState;
  /** A page's URL as the list has it. */
  urlOf(page: SitePage): string;
  handler(req: IncomingMessage, res: ServerResponse, url: URL): void | Promise<void>;
}

/**
 * The site. `origin(host)` makes the URLs (the tests' resolver maps `*.example` to the local
 * server: https://host in Node, http://host:port in Chromium).
 */
export function auditSite(count = 300, origin: (host: string) => string = (h) => `https://${h}`): AuditSite {
  const pages = sitePages(count, origin);
  const byPath = new Map(pages.map((p) => [`${p.host}${p.path}`, p]));
  const state: SiteState = { removed: new Set(), nofollowed: new Set(), noindexed: new Set(), slowMs: 30_000 };
  const urlOf = (p: SitePage) => `${origin(p.host)}${p.path}`;

  const render = (page: SitePage, index: number, path: string): { status: number; headers: Record<string, string>; body: string } => {
    const key = `${page.host}${path}`;
    const topic = TOPICS[index % TOPICS.length]!;
    const [, title, anchor, other] = topic;
    const blogName = page.host.split('.')[0]!.replace(/^./, (c) => c.toUpperCase());
    const removed = state.removed.has(key);
    let rel = { nofollow: ' rel="nofollow"', sponsored: ' rel="sponsored noopener"' }[page.kind as 'nofollow' | 'sponsored'] ?? '';
    if (state.nofollowed.has(key)) rel = ' rel="nofollow"';
    const target = page.target;
    const link = (text: string, ownRel = rel) => `<a href="${esc(target)}"${ownRel}>${esc(text)}</a>`;
    const para = (k: number) => SENTENCES[(index + k) % SENTENCES.length]!;
    const bodyLink = !removed && ['body', 'nofollow', 'sponsored', 'noindex', 'x-robots-noindex', 'canonical-elsewhere', 'moved'].includes(page.kind);
    const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8' };
    if (page.kind === 'x-robots-noindex' || state.noindexed.has(key)) headers['x-robots-tag'] = 'noindex';
    const robots = page.kind === 'noindex' ? '<meta name="robots" content="noindex, follow">' : '';
    const canonical = page.kind === 'canonical-elsewhere' ? `<link rel="canonical" href="${esc(origin(page.host))}/syndicated/${topic[0]}/">` : `<link rel="canonical" href="${esc(origin(page.host) + path)}">`;
    const body = `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>${esc(title)} – ${blogName}</title>
<meta name="description" content="${esc(title)}: notes from our vegetable plot.">
${robots}${canonical}
<link rel="stylesheet" href="/wp-content/themes/twentytwenty/style.css">
<script src="/wp-includes/js/jquery/jquery.min.js"></script>
</head>
<body class="post-template-default single single-post">
<header id="site-header" class="header-footer-group">
  <div class="header-inner"><a class="site-title" href="/">${blogName}</a>
  <nav class="primary-menu-wrapper" aria-label="Horizontal"><ul class="primary-menu">
    <li><a href="/">Home</a></li><li><a href="/category/vegetables/">Vegetables</a></li><li><a href="/category/fruit/">Fruit</a></li><li><a href="/about/">About</a></li>
  </ul></nav></div>
</header>
<main id="site-content" role="main">
<article class="post type-post status-publish format-standard hentry category-vegetables">
  <header class="entry-header"><h1 class="entry-title">${esc(title)}</h1>
  <div class="post-meta">Posted on <time>${2020 + (index % 6)}-03-1${index % 9}</time> by Sam</div></header>
  <div class="entry-content">
    <p>${para(0)} ${para(1)}</p>
    <p>${para(2)} For this bed we used ${bodyLink ? link(anchor) : esc(anchor)} from a supplier we trust, and ${esc(other)} as in earlier years. ${para(3)}</p>
    ${page.kind === 'hidden' && !removed ? `<p style="display:none">Sponsored: ${link(anchor)}</p>` : ''}
    ${page.kind === 'affiliate' && !removed ? `<p>We buy ours through <a href="/go/?url=${encodeURIComponent(target)}" rel="nofollow">this shop</a>, and ${para(4)}</p>` : ''}
    <p>${para(5)} ${para(6)}</p>
    ${page.kind === 'noscript' && !removed ? `<noscript><p>Enable JavaScript to see our seed widget, or visit ${link('Greenplot')}.</p></noscript>` : ''}
    <h2>What we would do differently</h2>
    <p>${para(7)} ${para(8)}</p>
    ${page.kind === 'script' && !removed ? `<p id="recommendation">Loading our recommendation…</p><script>document.getElementById('recommendation').innerHTML = 'We recommend <a href="${esc(target)}">${esc(anchor)}</a> for this.';</script>` : ''}
  </div>
  <footer class="entry-footer"><a href="/tag/${topic[0]}/">${esc(topic[0].replace(/-/g, ' '))}</a></footer>
</article>
<div id="comments" class="comments-wrapper section-inner">
  <h2 class="comments-title">3 replies on “${esc(title)}”</h2>
  <div class="comment"><div class="comment-author"><a href="https://mulchmatters.example/" rel="external nofollow ugc" class="url">Priya</a></div><p>Great write-up. ${para(9)}</p></div>
  <div class="comment"><div class="comment-author">Tom</div><p>${page.kind === 'comment' && !removed ? `I got mine from ${link(anchor, ' rel="ugc nofollow"')} last spring and they did well.` : 'Thanks, trying this next month.'}</p></div>
</div>
</main>
<aside class="sidebar widget-area">
  <div class="widget widget_recent_entries"><h2 class="widget-title">Recent posts</h2><ul>
    <li><a href="/2024/05/sowing-carrots/">Sowing carrots in deep modules</a></li><li><a href="/2024/04/leeks/">Leeks from seed</a></li></ul></div>
  ${page.kind === 'sidebar' && !removed ? `<div class="widget widget_text"><h2 class="widget-title">Where we shop</h2><div class="textwidget">${link('Greenplot seeds')}</div></div>` : ''}
</aside>
<footer id="site-footer" class="footer-group">
  <div class="footer-widgets"><h2>Blogroll</h2><ul>
    <li><a href="https://mulchmatters.example/">Mulch Matters</a></li>
    ${page.kind === 'footer' && !removed ? `<li>${link('Greenplot')}</li>` : ''}
    <li><a href="https://plotandpot.example/">Plot &amp; Pot</a></li></ul></div>
  <p class="footer-copyright">&copy; 2026 ${blogName}. <a href="/privacy/">Privacy</a></p>
</footer>
</body>
</html>`;
    return { status: 200, headers, body };
  };

  const handler = async (_req: IncomingMessage, res: ServerResponse, url: URL) => {
    const key = `${url.hostname}${url.pathname}`;
    if (url.hostname === TARGET_DOMAIN) {
      // The shop: what target topics are read from.
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      const slug = url.pathname.split('/').pop() ?? '';
      return void res.end(
        `<!doctype html><html lang="en"><head><title>Greenplot — organic seeds and garden supplies</title><meta name="description" content="Organic vegetable seeds, compost and raised bed kits."></head><body><main><h1>${esc(slug.replace(/-/g, ' ') || 'Greenplot')}</h1><p>Organic vegetable seeds, heirloom tomatoes, compost and raised bed kits for kitchen gardens, shipped from our nursery.</p></main></body></html>`,
      );
    }
    if (url.pathname === '/') {
      // A blog's (or a parked domain's) home page: where moved posts sometimes end up.
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return void res.end(`<!doctype html><html lang="en"><head><title>${esc(url.hostname)}</title></head><body><main><h1>Latest posts</h1><p>Notes from the vegetable plot.</p></main></body></html>`);
    }
    if (url.pathname.startsWith('/go/')) {
      res.writeHead(302, { location: url.searchParams.get('url') ?? '/' });
      return void res.end();
    }
    const page = byPath.get(key);
    if (!page) {
      // A moved post's new address serves the same post.
      const moved = [...byPath.values()].find((p) => p.kind === 'moved' && key === `${p.host}${p.path.replace(/\/$/, '')}-updated/`);
      if (moved) {
        const r = render(moved, pages.indexOf(moved), url.pathname);
        res.writeHead(r.status, r.headers);
        return void res.end(r.body);
      }
      res.writeHead(404, { 'content-type': 'text/html' });
      return void res.end('<!doctype html><title>Page not found</title><h1>Nothing here</h1><p><a href="/">Home</a></p>');
    }
    const index = pages.indexOf(page);
    switch (page.kind) {
      case 'not-found':
        res.writeHead(404, { 'content-type': 'text/html' });
        return void res.end('<!doctype html><title>Page not found</title><h1>Oops! That page can’t be found.</h1>');
      case 'gone':
        res.writeHead(410, { 'content-type': 'text/html' });
        return void res.end('<!doctype html><title>Gone</title>');
      case 'server-error':
        res.writeHead(500, { 'content-type': 'text/html' });
        return void res.end('<!doctype html><title>Error establishing a database connection</title>');
      case 'moved':
        res.writeHead(301, { location: `${page.path.replace(/\/$/, '')}-updated/` });
        return void res.end();
      case 'moved-away':
        res.writeHead(301, { location: `${origin('parkeddomains.example')}/?from=${page.host}` });
        return void res.end();
      case 'moved-home':
        res.writeHead(301, { location: '/' });
        return void res.end();
      case 'pdf':
        res.writeHead(200, { 'content-type': 'application/pdf' });
        return void res.end('%PDF-1.4\n% not a web page\n');
      case 'slow':
        await new Promise((r) => setTimeout(r, state.slowMs));
        if (res.destroyed) return;
    }
    const r = render(page, index, url.pathname);
    res.writeHead(r.status, r.headers);
    res.end(r.body);
  };
  return { pages, byPath, state, urlOf, handler };
}
