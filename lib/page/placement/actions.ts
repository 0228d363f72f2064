/**
 * Action links: share, bookmark, print and e-mail buttons, "Have your say", log-in and reply links. They sit
 * beside editorial text (a share bar under an article, a toolbar in a 2007 news story) and often look like
 * prose to the body model, but they are never an editorial link, so placement keeps them out of the body
 * whatever their surroundings (index.ts decide).
 *
 * Two kinds of evidence, both about the link itself and the same on every site: the target is a share or
 * bookmark endpoint of a known service (their URL schemes are public and stable), or the anchor text is
 * exactly one of the stock labels such buttons carry. Only whole labels match: "Print" is an action,
 * "Print editions of the atlas" is not.
 */

/** Share and bookmark endpoints (host + path prefix), old and new services alike. */
const SHARE_TARGET = new RegExp(
  '^(?:https?:)?//(?:[a-z0-9-]+\\.)*(?:' +
    [
      'facebook\\.com/(?:sharer|share\\.php|dialog/(?:share|feed|send))',
      '(?:twitter|x)\\.com/(?:intent/|share(?:$|[/?]))',
      'digg\\.com/(?:submit|remote-submit)',
      'del\\.icio\\.us/(?:post|save)',
      'delicious\\.com/(?:post|save)',
      'reddit\\.com/submit',
      'linkedin\\.com/(?:shareArticle|sharing/share-offsite|cws/share)',
      'pinterest\\.[a-z.]+/pin/create',
      'stumbleupon\\.com/submit',
      'tumblr\\.com/(?:share|widgets/share)',
      'api\\.whatsapp\\.com/send',
      'wa\\.me/\\?',
      '(?:t|telegram)\\.me/share',
      'plus\\.google\\.com/share',
      'news\\.ycombinator\\.com/submitlink',
      'addthis\\.com/bookmark',
      'addtoany\\.com/(?:share|add_to)',
      'sharethis\\.com/share',
      'technorati\\.com/faves',
      'newsvine\\.com/_tools/seed',
      'blinklist\\.com/index\\.php\\?Action=Blink',
      'furl\\.net/storeIt',
      'myweb2?\\.search\\.yahoo\\.com/myresults/bookmarklet',
      'fark\\.com/cgi/fark/submit',
      'getpocket\\.com/(?:save|edit)',
      'buffer\\.com/add',
      'flipboard\\.com/bookmarklet',
      'vk\\.com/share\\.php',
      'connect\\.ok\\.ru/',
      'service\\.weibo\\.com/share',
      'social-plugins\\.line\\.me/lineit/share',
    ].join('|') +
    ')',
  'i',
);

/** Share-by-mail and messenger links: `mailto:?subject=…` (no recipient), `whatsapp://send`, `sms:?body=`. */
const SHARE_SCHEME = /^(?:mailto:\?|mailto:\s*$|whatsapp:|sms:\?|fb-messenger:|viber:)/i;

/** WordPress/Jetpack-style share and print parameters on the page's own URL. */
const SHARE_QUERY = /[?&]share=[a-z]|[?&](?:print|printable|printer_friendly)=(?:1|true|yes)\b|#print$/i;

/**
 * Stock labels of action buttons, English and a few other languages, matched against the whole anchor
 * text (lower-cased, trailing punctuation and "»" arrows dropped).
 */
const ACTION_LABEL = new RegExp(
  '^(?:' +
    [
      // Print and mail.
      'print(?: this)?(?: (?:article|page|story|post|recipe))?', 'printable (?:version|page)', 'printer[- ]friendly(?: (?:version|page|format))?', 'print version',
      'e-?mail(?: (?:this|it))?(?: (?:article|page|story|post))?(?: to a friend)?', 'e-?mail a friend', 'send (?:this )?to a friend', 'e-?mail to a friend', 'send by e-?mail',
      // Share and bookmark.
      'share(?: this)?(?: (?:article|page|story|post))?', 'share (?:on|to|via|with) [a-z+. ]{1,20}', 'tweet(?: this)?', 'post to [a-z.]{3,20}', 'save to [a-z.]{3,20}',
      'add to (?:del\\.icio\\.us|delicious|digg|reddit|facebook|stumbleupon|google bookmarks|favorites|favourites|my yahoo!?)', 'digg(?: this| it)?', 'reddit(?: this)?', 'stumble(?: it| upon)?',
      'bookmark(?: this)?(?: (?:article|page|story))?', 'pin it', 'whatsapp', "what(?:'|’)?s this\\??", 'social bookmarking',
      // Discussion and account buttons.
      'have your say', 'reply', 'report(?: abuse| this comment)?', 'permalink', 'quote', 'log ?in', 'sign ?in', 'log ?out', 'register', 'sign ?up', 'subscribe',
      // Other languages (the same buttons).
      'drucken', 'artikel drucken', 'teilen', 'per e-?mail (?:versenden|teilen)', 'imprimer', 'partager', 'envoyer à un ami', 'imprimir', 'compartir', 'stampa', 'condividi',
      'compartilhar', 'afdrukken', 'delen', 'печать', 'поделиться',
    ].join('|') +
    ')$',
  'i',
);

/** Labels longer than this are sentences, not button labels (no need to run the pattern). */
const MAX_LABEL = 48;

/** Is this a share/print/e-mail/account action rather than a link to read? `href` as written or resolved. */
export function isActionLink(text: string, href: string): boolean {
  if (SHARE_TARGET.test(href) || SHARE_SCHEME.test(href) || SHARE_QUERY.test(href)) return true;
  if (!text || text.length > MAX_LABEL) return false;
  return ACTION_LABEL.test(text.replace(/[\s.:!»›>|]+$/u, '').replace(/^[\s«‹<|]+/u, ''));
}
