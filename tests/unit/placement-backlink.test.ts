/**
 * The placement errors that matter most to a backlink tool (issue #16): share and print buttons, comment
 * links and comment permalinks, related-story blocks and forum posts, on the kinds of markup that carry them.
 */
import { describe, expect, it } from 'vitest';
import { classify, docFrom, fixture } from './placement-helpers';
import { analyzeDocument, UGC_SIGNAL } from '@/lib/page/placement/index';
import { isActionLink } from '@/lib/page/placement/actions';
import { COMMENTS_HEADING, hintsOf } from '@/lib/page/placement/tokens';
import { collectPage } from '@/lib/page/model';

const WP_URL = 'https://sussexgardenstudio.example/2019/05/recent-projects/';

describe('a WordPress post that is mostly photos, with more comment text than post text', () => {
  it('keeps the captions under the project photos in the body', async () => {
    const c = await classify(docFrom(fixture('wordpress-photo-post.html'), WP_URL));
    for (let i = 1; i <= 6; i++) {
      expect(c.at(`caption-${i}a`)).toBe('body');
      expect(c.at(`caption-${i}b`)).toBe('body');
    }
  });

  it('places every comment link in comments: author, timestamp permalink, reply, a link in the text', async () => {
    const c = await classify(docFrom(fixture('wordpress-photo-post.html'), WP_URL));
    for (const id of ['c-author', 'c-time', 'c-reply', 'c-bodylink']) expect(c.at(id), id).toBe('comments');
    const inComments = c.links.map((l, i) => ((l.el as Element).closest('#comments') ? c.results[i]!.placement : null)).filter((p) => p !== null);
    expect(inComments.length).toBe(15);
    expect(inComments.every((p) => p === 'comments')).toBe(true);
  });

  it('seeds the main content in the post, not in its longest comment', async () => {
    const doc = docFrom(fixture('wordpress-photo-post.html'), WP_URL);
    const { models } = await collectPage(doc);
    const a = await analyzeDocument(models[0]!, () => undefined);
    const root = a.model.el[a.main.root]!;
    expect(root.closest('#comments')).toBeNull();
    expect(root.contains(doc.getElementById('caption-1a'))).toBe(true);
  });

  it('keeps share buttons and related posts out of the body', async () => {
    const c = await classify(docFrom(fixture('wordpress-photo-post.html'), WP_URL));
    for (const id of ['s-print', 's-email', 's-twitter']) expect(c.at(id), id).not.toBe('body');
    expect(c.at('rp1')).toBe('related');
  });
});

describe('a 2007 news story in a table layout', () => {
  const load = async () => classify(docFrom(fixture('old-news-story.html'), 'https://www.northshireeveningpost.example/news/11823/'));

  it('keeps the story links in the body', async () => {
    const c = await load();
    for (const id of ['body-link-1', 'body-link-2', 'body-link-3']) expect(c.at(id), id).toBe('body');
  });

  it('keeps the toolbar, "Have your say", log-in, promos, image ads and section names out of the body', async () => {
    const c = await load();
    for (const id of ['tool-mail', 'tool-p', 'tool-digg', 'tool-delicious', 'tool-whats', 'have-your-say', 'login', 'top-image', 'bet-text', 'bet-image', 'section-news', 'section-sport', 'section-national']) {
      expect(c.at(id), id).not.toBe('body');
    }
  });

  it('places reader comments under a plain "Your comments" heading in comments', async () => {
    const c = await load();
    expect(c.at('reader-link')).toBe('comments');
    expect(c.at('read-all')).toBe('comments');
  });

  it('places the related-stories box in related', async () => {
    const c = await load();
    for (const id of ['rs1', 'rs2', 'rs3']) expect(c.at(id), id).toBe('related');
  });
});

describe('forum posts', () => {
  it('a link in a phpBB post is a body link that says it is user-generated', async () => {
    const c = await classify(docFrom(fixture('phpbb-thread.html'), 'https://allotmenttalk.example/viewtopic.php?t=2291'));
    for (const id of ['post-link-1', 'post-link-2']) {
      expect(c.at(id), id).toBe('body');
      expect(c.byId(id).signals[0]).toBe(UGC_SIGNAL);
    }
    expect(c.at('crumb')).not.toBe('body');
  });

  it('XenForo and Discourse posts carry the same reason; a blog post does not', async () => {
    const para = (id: string) =>
      `<p>We tried three kinds of netting over the brassicas this year, and only the fine mesh from <a id="${id}" href="https://netting.example/fine-mesh">the netting shop</a> kept the cabbage white butterflies off all summer, even in the windy corner.</p>`;
    const xf = await classify(docFrom(`<header><a href="/">Home</a><a href="/forums/">Forums</a></header><main><div class="block-body">
      <article class="message message--post js-post"><div class="message-cell message-cell--main"><div class="message-content"><div class="bbWrapper">${para('xf')}</div></div></div></article>
      <article class="message message--post js-post"><div class="message-cell message-cell--main"><div class="message-content"><div class="bbWrapper">${para('xf2')}</div></div></div></article>
      </div></main><footer><a href="/terms">Terms</a></footer>`, 'https://growers.example/threads/netting.55/'));
    expect(xf.at('xf')).toBe('body');
    expect(xf.byId('xf').signals[0]).toBe(UGC_SIGNAL);
    const discourse = await classify(docFrom(`<header><a href="/">Home</a></header><main><div class="topic-post"><div class="topic-body"><div class="cooked">${para('dc')}</div></div></div></main>`, 'https://forum.example/t/netting/123'));
    expect(discourse.at('dc')).toBe('body');
    expect(discourse.byId('dc').signals[0]).toBe(UGC_SIGNAL);
    const blog = await classify(docFrom(`<header><a href="/">Home</a></header><main><article class="post"><div class="post-content">${para('blog')}${para('blog2')}</div></article></main>`, 'https://blog.example/netting'));
    expect(blog.at('blog')).toBe('body');
    expect(blog.byId('blog').signals).not.toContain(UGC_SIGNAL);
  });
});

describe('action links', () => {
  it('knows share endpoints and stock button labels', () => {
    const yes: [string, string][] = [
      ['', 'https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fa.example%2F'],
      ['Tweet', 'https://twitter.com/intent/tweet?text=x'],
      ['', 'https://x.com/intent/post?url=x'],
      ['Digg', 'http://digg.com/submit?url=x'],
      ['', 'http://del.icio.us/post?url=x'],
      ['', 'https://www.linkedin.com/sharing/share-offsite/?url=x'],
      ['', 'mailto:?subject=Look&body=x'],
      ['Email', 'https://blog.example/post/?share=email'],
      ['Printable version', '/print.php?id=1'],
      ['E-mail this article to a friend', '/email.php?id=1'],
      ['Post to del.icio.us', '/x'],
      ["What's this?", '/help/'],
      ['Have your say', '/hys/'],
      ['Log in', '/login'],
      ['Reply »', '#respond'],
      ['Drucken', '/drucken'],
    ];
    for (const [text, href] of yes) expect(isActionLink(text, href), `${text} ${href}`).toBe(true);
    const no: [string, string][] = [
      ['Printing presses of the 18th century', 'https://history.example/presses'],
      ['share prices', 'https://markets.example/ftse'],
      ['the Facebook page of the festival', 'https://www.facebook.com/festival'],
      ['@gardenstudio', 'https://twitter.com/gardenstudio'],
      ['email us', 'mailto:hello@studio.example'],
      ['Digg’s 2012 relaunch', 'https://news.example/digg-relaunch'],
      ['RHS guide to growing tomatoes', 'https://www.rhs.org.uk/vegetables/tomatoes'],
    ];
    for (const [text, href] of no) expect(isActionLink(text, href), `${text} ${href}`).toBe(false);
  });
});

describe('comment headings', () => {
  it('match comment sections, not titles that mention comments', () => {
    for (const h of ['Comments', '5 Comments', 'Comments (12)', '3 thoughts on “Growing tomatoes”', '2 Responses to "Tram extension"', 'Leave a Reply', 'Have your say', 'Your comments', 'Reader comments', 'Kommentare', 'Commentaires']) {
      expect(COMMENTS_HEADING.test(h), h).toBe(true);
    }
    for (const h of ['Comments on the draft budget were due by Friday', 'Responses from the ministry', 'Related posts', 'How we reply to customers']) {
      expect(COMMENTS_HEADING.test(h), h).toBe(false);
    }
  });
});

describe('widget class names', () => {
  it('reads words in capitals (Outbrain\'s class="OUTBRAIN") and the share plugins\' names', () => {
    expect(hintsOf('OUTBRAIN').hints).toEqual(['related']);
    expect(hintsOf('sharedaddy sd-sharing-enabled').hints).toContain('widget');
    expect(hintsOf('shariff').hints).toEqual(['widget']);
    // Hashes stay hashes.
    expect(hintsOf('sc-bdVaJa css-1x2y3z').hints).toEqual([]);
  });
});
