/**
 * A synthetic page with a given number of links in a realistic nested layout: header with a
 * mega-menu, breadcrumbs, article body with in-text links, related posts, sidebar widgets,
 * comments and a footer. Deterministic (seeded), so benchmark runs compare like with like.
 */
export function generatePage(totalLinks = 10_000, seed = 7): string {
  let state = seed;
  const rand = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  const words = 'organic garden soil compost tomato kale lettuce seed water mulch harvest season plant root leaf sun bed grow fresh local farm market'.split(' ');
  const sentence = (n: number) => Array.from({ length: n }, () => words[Math.floor(rand() * words.length)]).join(' ');
  let made = 0;
  const link = (href: string, text: string, rel = '') => {
    made++;
    return `<a href="${href}"${rel ? ` rel="${rel}"` : ''}>${text}</a>`;
  };
  const share = (f: number) => Math.floor(totalLinks * f);
  const parts: string[] = [];
  parts.push('<header class="site-header"><a href="/" class="logo">Logo</a><nav class="mega-menu"><ul>');
  for (let i = 0; i < share(0.08); i++) parts.push(`<li>${link(`/category/${i}`, `Category ${i}`)}</li>`);
  parts.push('</ul></nav></header><div class="layout"><main class="content"><nav class="breadcrumb">');
  parts.push(link('/', 'Home') + ' › ' + link('/blog/', 'Blog'));
  parts.push('</nav><article class="post"><h1>Growing organic vegetables</h1>');
  const bodyLinks = share(0.45);
  for (let i = 0; i < bodyLinks; i += 3) {
    parts.push(`<p>${sentence(12)} ${link(`https://site${i % 300}.example/article/${i}`, sentence(3))} ${sentence(10)} ${link(`/blog/post-${i}`, sentence(2))} ${sentence(8)} ${link(`https://ref${i % 50}.example/${i}`, sentence(2), i % 9 === 0 ? 'nofollow' : '')}.</p>`);
  }
  parts.push('</article><section class="related-posts"><h3>Related posts</h3><ul>');
  for (let i = 0; i < share(0.05); i++) parts.push(`<li>${link(`/blog/related-${i}`, sentence(4))}</li>`);
  parts.push('</ul></section><section id="comments" class="comments">');
  for (let i = 0; i < share(0.2); i++) {
    parts.push(`<div class="comment"><div class="comment-author">${link(`https://commenter${i}.example/`, `User ${i}`, 'ugc nofollow')}</div><p>${sentence(15)}</p></div>`);
  }
  parts.push('</section></main><aside class="sidebar">');
  for (let w = 0; w < 10; w++) {
    parts.push(`<section class="widget"><h4>Widget ${w}</h4><ul>`);
    for (let i = 0; i < share(0.015); i++) parts.push(`<li>${link(`/tag/${w}-${i}`, sentence(2))}</li>`);
    parts.push('</ul></section>');
  }
  parts.push('</aside></div><footer class="site-footer"><ul>');
  while (made < totalLinks) parts.push(`<li>${link(`/page/${made}`, `Footer link ${made}`)}</li>`);
  parts.push('</ul></footer>');
  const css = `body{margin:0;font:16px/1.5 sans-serif}.layout{display:flex;gap:24px;max-width:1200px;margin:auto}
    .content{flex:1}.sidebar{flex:0 0 280px;font-size:14px}.mega-menu ul{display:flex;flex-wrap:wrap;gap:6px;list-style:none}
    .site-footer ul{columns:6;font-size:13px}`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Benchmark page: ${totalLinks} links</title><style>${css}</style></head><body>${parts.join('\n')}</body></html>`;
}

/**
 * Hostile pages from issue #13 §4, shared by `npm run bench` and the browser tests. The deep
 * structures are built by the page's own script: browsers' HTML parsers stop nesting at a few
 * hundred levels, DOM calls do not.
 */
function hostileShell(title: string, body: string, script = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>
<header><a href="/">Home</a> <a href="/about">About</a></header>
<main><article><h1 id="headline">${title}</h1>
<p>Compost, mulch and a little patience: how we grow tomatoes and kale in <a href="https://soil.example/guide">raised beds</a> on heavy clay.</p>
${body}</article></main>
<footer><a href="/privacy">Privacy</a></footer>
${script ? `<script>${script}</script>` : ''}</body></html>`;
}

/** `depth` nested `display:none` divs, each holding a link: link stuffing hidden at every level. */
export function hiddenChainPage(depth = 10_000): string {
  return hostileShell(
    `Hidden chain ${depth} deep`,
    '<div id="chain"></div>',
    `let el = document.getElementById('chain');
for (let i = 0; i < ${depth}; i++) {
  const d = document.createElement('div'); d.style.display = 'none';
  const a = document.createElement('a'); a.href = 'https://stuffed' + (i % 50) + '.example/' + i; a.textContent = 'cheap link ' + i;
  d.appendChild(a); el.appendChild(d); el = d;
}`,
  );
}

/**
 * A heading whose words and link sit under `depth` nested spans. It is display:none: Chromium's
 * renderer itself crashes laying out inline boxes nested 10,000 deep, so a page that wants to be
 * read (and not crash) hides them; the analysis still reads every heading and link.
 */
export function nestedSpansPage(depth = 20_000): string {
  return hostileShell(
    `Nested spans ${depth} deep`,
    '<h2 id="deep" style="display:none"></h2>',
    `let el = document.getElementById('deep');
for (let i = 0; i < ${depth}; i++) el = el.appendChild(document.createElement('span'));
el.append('Growing tomatoes ');
const a = el.appendChild(document.createElement('a')); a.href = '/tomatoes'; a.textContent = 'in deep soil';`,
  );
}

/** `count` links sharing one href of `hrefChars` characters (a page built to overflow messages). */
export function longHrefsPage(count = 1_000, hrefChars = 100_000): string {
  const href = 'https://tracker.example/r?u=' + 'x'.repeat(Math.max(0, hrefChars - 28));
  return hostileShell(
    `${count} links with ${hrefChars.toLocaleString('en')}-character hrefs`,
    '<ul id="long"></ul>',
    `const href = ${JSON.stringify(href)};
const ul = document.getElementById('long');
for (let i = 0; i < ${count}; i++) { const li = document.createElement('li'); const a = document.createElement('a'); a.href = href; a.textContent = 'offer ' + i; li.appendChild(a); ul.appendChild(li); }`,
  );
}

/** `count` plain links in a list, built by the page's script (a million links parse slowly as HTML). */
export function manyLinksPage(count = 1_000_000): string {
  return hostileShell(
    `${count.toLocaleString('en')} links`,
    '<ul id="many"></ul>',
    `const ul = document.getElementById('many');
const frag = document.createDocumentFragment();
for (let i = 0; i < ${count}; i++) { const li = document.createElement('li'); const a = document.createElement('a'); a.href = '/item/' + i; a.textContent = 'item ' + i; li.appendChild(a); frag.appendChild(li); }
ul.appendChild(frag);`,
  );
}
