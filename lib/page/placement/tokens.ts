/**
 * Class/id tokens → region hints.
 *
 * `class="site-footer__inner"`, `id="mainSidebar"`, `class="RelatedPosts_wrap__3xK2p"` are split into
 * words (on whitespace, `-`, `_`, `:`, digits and camelCase) and lower-cased. Tokens that look generated
 * (CSS-in-JS and CSS-module hashes such as `css-1x2y3z`, `sc-bdVaJa`, `_3xk2P`) are dropped: they carry
 * no meaning and must not match by accident.
 */
import type { Placement } from '../../report';

/** What a word in a class name or id says about its element. */
export type TokenHint = Exclude<Placement, 'body'> | 'content' | 'widget';

/**
 * Whole words. `content`-like words are weak positive evidence for main content; `widget` words mark
 * auxiliary blocks (share bars, ads, newsletter boxes, tag clouds) that are not content wherever they sit.
 */
const WORDS: Record<string, TokenHint> = Object.assign(Object.create(null) as Record<string, TokenHint>, {
  // header
  header: 'header', masthead: 'header', topbar: 'header', branding: 'header', banner: 'header', logo: 'header',
  // nav
  nav: 'nav', navbar: 'nav', navigation: 'nav', menu: 'nav', menubar: 'nav', megamenu: 'nav', submenu: 'nav',
  breadcrumb: 'nav', breadcrumbs: 'nav', crumbs: 'nav', crumb: 'nav', pagination: 'nav', pager: 'nav', paging: 'nav',
  toc: 'nav', tablist: 'nav', subnav: 'nav', dropdown: 'nav', hamburger: 'nav', drawer: 'nav', offcanvas: 'nav',
  skip: 'nav', skiplink: 'nav', sitemap: 'nav', postnav: 'nav', pagenav: 'nav', navlinks: 'nav',
  // sidebar
  sidebar: 'sidebar', aside: 'sidebar', rail: 'sidebar', sidebox: 'sidebar', secondary: 'sidebar',
  // footer
  footer: 'footer', colophon: 'footer', copyright: 'footer', legal: 'footer', foot: 'footer',
  // comments
  comment: 'comments', comments: 'comments', disqus: 'comments', respond: 'comments', replies: 'comments',
  discussion: 'comments', commentlist: 'comments',
  // related
  related: 'related', recommended: 'related', recommendations: 'related', recommendation: 'related',
  popular: 'related', trending: 'related', suggested: 'related', similar: 'related', taboola: 'related',
  outbrain: 'related', recirculation: 'related', upsell: 'related', crosssell: 'related', morestories: 'related',
  // auxiliary widgets
  share: 'widget', sharing: 'widget', social: 'widget', sociallinks: 'widget', follow: 'widget',
  newsletter: 'widget', subscribe: 'widget', subscription: 'widget', signup: 'widget', cookie: 'widget',
  consent: 'widget', gdpr: 'widget', modal: 'widget', popup: 'widget', overlay: 'widget', advert: 'widget',
  advertisement: 'widget', ad: 'widget', ads: 'widget', adsense: 'widget', sponsor: 'widget', sponsored: 'widget',
  promo: 'widget', widget: 'widget', widgets: 'widget', tags: 'widget', tagcloud: 'widget', taglist: 'widget',
  meta: 'widget', postmeta: 'widget', print: 'widget', sharedaddy: 'widget', shareaholic: 'widget', addtoany: 'widget',
  sharethis: 'widget', shariff: 'widget', ssba: 'widget', addthis: 'widget',
  // content
  content: 'content', article: 'content', post: 'content', entry: 'content', story: 'content', prose: 'content',
  main: 'content', body: 'content', text: 'content', markdown: 'content', richtext: 'content', hentry: 'content',
  blog: 'content', page: 'content',
});

/**
 * Long, distinctive stems that also count inside compound words (`footerlinks`, `relatedposts`,
 * `mainsidebar`). Only stems that do not occur inside ordinary words are listed: `nav` (canvas), `ad`
 * (header) and `foot` (football) are whole-word only.
 */
const STEMS: [string, TokenHint][] = [
  ['sidebar', 'sidebar'], ['footer', 'footer'], ['navbar', 'nav'], ['navigation', 'nav'], ['breadcrumb', 'nav'],
  ['pagination', 'nav'], ['megamenu', 'nav'], ['comment', 'comments'], ['related', 'related'],
  ['recommend', 'related'], ['masthead', 'header'], ['newsletter', 'widget'], ['copyright', 'footer'],
  ['tableofcontents', 'nav'], ['mainmenu', 'nav'], ['topmenu', 'nav'], ['sharing', 'widget'], ['socialmedia', 'widget'],
];

/** Multi-word phrases (joined without separators) that override their words: `table-of-contents` is nav. */
const PHRASES: [RegExp, TokenHint][] = [
  [/table-?of-?contents|\btoc\b/, 'nav'],
  [/read-?more|more-?from|you-?may-?(also-?)?like|also-?like|more-?stories|more-?articles|further-?reading|next-?read/, 'related'],
  [/skip-?(to|link|nav)/, 'nav'],
  [/site-?info/, 'footer'],
  [/tab-?panel/, 'content'],
];

/** Does a class/id word look machine-generated (a hash) rather than chosen by a person? */
export function looksRandom(token: string): boolean {
  if (token.length < 4) return /\d/.test(token) && /[a-z]/i.test(token);
  const digits = (token.match(/\d/g) ?? []).length;
  const letters = token.length - digits;
  if (digits > 0 && letters > 0 && !/^[a-z]+\d{1,2}$/i.test(token)) return true; // x3k9p, 1a2b3c (but col12, h2 are fine)
  if (letters > 0 && digits === 0) {
    // Mixed case inside (bdVaJa, kXyZq), after the first letter: not camelCase words (which split later).
    // A word in capitals (OUTBRAIN, NAV) is a word.
    const inner = token.slice(1);
    if (inner === inner.toUpperCase() && token.length <= 12) return false;
    const uppers = (inner.match(/[A-Z]/g) ?? []).length;
    if (uppers >= 2 && uppers / inner.length > 0.3) return true;
    // No vowels in a long word: qzxcvb.
    if (token.length >= 5 && !/[aeiouy]/i.test(token)) return true;
  }
  return false;
}

/** Splits one class name or id into lower-case words, dropping generated ones. */
export function splitName(name: string): string[] {
  const out: string[] = [];
  // BEM / module separators first; keep each raw part to test for hashes before camelCase splitting.
  for (const part of name.split(/[^A-Za-z0-9]+/)) {
    if (!part || looksRandom(part)) continue;
    const words = part
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
      .replace(/(\d+)/g, ' ')
      .toLowerCase()
      .split(' ');
    for (const w of words) if (w) out.push(w);
  }
  return out;
}

export interface NameHints {
  /** Hints in the order the words appear. */
  hints: TokenHint[];
  /** The words that produced them, for signals. */
  words: string[];
}

const cache = new Map<string, NameHints>();

/** Region hints of a `class` + `id` string (cached: class strings repeat a lot on a page). */
export function hintsOf(classAndId: string): NameHints {
  const hit = cache.get(classAndId);
  if (hit) return hit;
  const hints: TokenHint[] = [];
  const words: string[] = [];
  const lower = classAndId.toLowerCase();
  for (const [re, hint] of PHRASES) {
    const m = re.exec(lower);
    if (m) {
      hints.push(hint);
      words.push(m[0]);
    }
  }
  for (const raw of classAndId.split(/\s+/)) {
    if (!raw) continue;
    for (const w of splitName(raw)) {
      let hint = WORDS[w];
      if (!hint) {
        for (const [stem, h] of STEMS) {
          if (w.length > stem.length && w.includes(stem)) {
            hint = h;
            break;
          }
        }
      }
      if (hint) {
        hints.push(hint);
        words.push(w);
      }
    }
  }
  const result = { hints, words };
  if (cache.size > 5000) cache.clear();
  cache.set(classAndId, result);
  return result;
}

/**
 * Headings that announce recommendations ("Related posts", "More from …", "You may also like", "Most
 * read", "Lire aussi", "Weitere Artikel", "関連記事"…). Checked with the text's start only: a heading
 * that merely contains "related" in a sentence is a title, not a block label.
 */
export const RELATED_HEADING = new RegExp(
  '^(?:' +
    [
      // English
      'related(?: \\w+)?', 'more (?:from|on|in|about|like this|stories|news|articles|posts|to (?:read|explore))', 'you (?:may|might|will) (?:also )?(?:like|enjoy|be interested)',
      'recommended', 'recommendations?', 'most (?:read|popular|viewed|shared|commented|emailed)', 'popular', 'trending', 'also (?:read|on|see)',
      'read (?:more|next|also)', 'similar', 'customers (?:also|who)', 'people also', 'latest (?:news|posts|articles|stories)', 'recent (?:posts|articles|news|stories)',
      'other (?:articles|stories|posts|products|news)', 'top stories', 'editor.?s picks', "don'?t miss", 'what to read next', 'further reading', 'keep reading',
      // German, Dutch
      'weitere (?:artikel|beiträge|themen|nachrichten)', 'ähnliche', 'das könnte', 'meistgelesen', 'mehr (?:zum thema|aus|von|artikel)', 'auch interessant', 'verwandte',
      'gerelateerd', 'meest gelezen', 'lees ook', 'ook interessant',
      // French, Spanish, Italian, Portuguese
      'articles? (?:similaires|liés|connexes|recommandés)', 'à lire aussi', 'lire aussi', 'vous (?:aimerez|aimeriez|pourriez)', 'les plus (?:lus|populaires)', 'sur le même sujet', 'dans la même rubrique',
      'artículos relacionados', 'noticias relacionadas', 'te puede interesar', 'también te puede', 'lo más (?:leído|visto)', 'más (?:noticias|leídas)', 'relacionad[oa]s',
      'articoli correlati', 'potrebbe interessarti', 'i più letti', 'leggi anche', 'mais lidas', 'veja também', 'leia também', 'notícias relacionadas',
      // Russian, Turkish, Polish
      'похожие', 'читайте также', 'популярное', 'ещё по теме', 'еще по теме', 'смотрите также', 'ilgili', 'benzer', 'en çok okunan', 'podobne', 'czytaj także', 'najczęściej czytane',
      // CJK, Arabic
      '相关', '相關', '推荐', '推薦', '热门', '熱門', '猜你喜欢', '関連', 'おすすめ', '人気', 'こちらもおすすめ', '관련', '추천', 'ذات صلة', 'مقالات ذات', 'الأكثر قراءة', 'اقرأ أيضا',
    ].join('|') +
    ')',
  'i',
);

/**
 * Class words of forum software's post containers (phpBB `postbody`, vBulletin `postbit`/`postcontainer`/
 * `postrow`, XenForo `message--post`/`bbWrapper`/`messageText`, Discourse `topic-post`/`cooked`/`crawler-post`,
 * Invision `cPost`/`ipsComment`, MyBB `post_body`, Stack Exchange `js-post-body`, generic `forum-post`).
 * Only names that blog themes do not use: `post-body` and `post-content` are WordPress and Blogger
 * article wrappers too.
 */
const FORUM_POST = /(?:^|\s)(?:postbody|postbit\w*|postcontainer|postrow|post_body|post_message\w*|message--post|messagetext|bbwrapper|topic-post|topic-body|crawler-post|cooked|cpost|ipscomment\w*|js-post-body|forum-post\w*|forumpost\w*|thread-post\w*)(?=\s|$)/i;

const forumPostCache = new Map<string, boolean>();

/** Does a class attribute name a forum post container? (Cached: class strings repeat a lot on a page.) */
export function isForumPost(cls: string): boolean {
  if (!cls) return false;
  let hit = forumPostCache.get(cls);
  if (hit === undefined) {
    hit = FORUM_POST.test(cls);
    if (forumPostCache.size > 5000) forumPostCache.clear();
    forumPostCache.set(cls, hit);
  }
  return hit;
}

/**
 * Headings that announce a comment section ("5 Comments", "3 thoughts on “…”", "Leave a Reply", "Have your
 * say", "Reader comments", "Kommentare"…). Anchored at both ends or followed by a count or "on/to …", so a
 * title such as "Comments on the draft budget" is not one.
 */
export const COMMENTS_HEADING = new RegExp(
  '^(?:(?:\\d+|one|no) (?:comments?|responses?|replies|thoughts?) (?:on|to) .{1,120}|(?:\\d+ |one |no )?(?:' +
    [
      '(?:reader(?:s|\'s|s\')? |user |your |visitor )?(?:comments?|responses?|replies|reactions|feedback)(?: \\(\\d+\\)| \\d+)?',
      'leave a (?:reply|comment)', 'post a comment', 'add (?:a|your) comment', 'write a comment', 'join the (?:discussion|conversation)',
      'have your say', 'your (?:say|views)', 'what (?:you|readers) (?:think|said|say)', 'discussion', 'discuss this (?:article|story|post)',
      'kommentare?', '\\d* ?leserkommentare', 'commentaires?', 'réactions', 'comentarios?', 'commenti', 'comentários', 'reacties', 'комментарии', 'yorumlar', 'komentarze',
      'コメント', '评论', '評論', '留言', '댓글', 'التعليقات',
    ].join('|') +
    '))[:.!]?$',
  'i',
);
