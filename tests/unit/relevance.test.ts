import { pageDomainOf } from '../../lib/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectPage } from '../../lib/page/model';
import { extractFeatures } from '../../lib/page/features';
import { readPageFacts } from '../../lib/page/page-facts';
import { detectLanguage, dominantScript } from '../../lib/analysis/relevance/detect';
import { loadLanguageData, scoreRelevance } from '../../lib/analysis/relevance/index';
import { normalizeLanguage } from '../../lib/analysis/relevance/languages';
import { urlWords } from '../../lib/analysis/relevance/page-topic';
import { contentText, contextBlockTexts, mainText } from '../../lib/page/texts';
import { foldWord, spellings } from '../../lib/analysis/relevance/cognates';
import { addTokens, EMBED_DIMS, usesEmbeddings } from '../../lib/analysis/relevance/embed';
import { dictionaryRows } from '../../lib/analysis/relevance/dictionary';
import { partStats, sharedTerms, similarity, textSimilarity, topicVector, without } from '../../lib/analysis/relevance/similarity';
import { stem, stopWords, terms, tokenize } from '../../lib/analysis/relevance/terms';
import { scoreLinks } from '../../lib/analysis/score/index';
import type { PlacementResult } from '../../lib/types';
import { BABYSITTING_PAGE, ORGANIC_PAGE, PAGE_BABYSITTING, PAGE_BIO, RESTAURANT_TOPIC, RESTAURANT_URL, RESTAURANT_URL_FR } from '../fixtures/relevance/restaurant';

// The shipped tables (public/relevance/) are read from the repository in Node.
beforeAll(async () => {
  await Promise.all(['en', 'fr', 'de', 'es', 'ru', 'ar', 'zh', 'ja', 'tr', 'hi'].map((l) => loadLanguageData(l)));
});

describe('tokenize', () => {
  it('splits Latin text into lower-cased words, dropping punctuation, numbers and 1-letter words', () => {
    expect(tokenize('The Quick, brown fox — jumped 42 times; a ça va!', 'en')).toEqual(['the', 'quick', 'brown', 'fox', 'jumped', 'times', 'ça', 'va']);
  });
  it('keeps the content word of elisions', () => {
    expect(tokenize("l'orange de l’été", 'fr')).toEqual(['orange', 'de', 'été']);
  });
  it('splits Cyrillic', () => {
    expect(tokenize('Органические овощи и фрукты', 'ru')).toEqual(['органические', 'овощи', 'фрукты']);
  });
  it('splits Arabic', () => {
    expect(tokenize('مطعم الفواكه العضوية', 'ar')).toEqual(['مطعم', 'الفواكه', 'العضوية']);
  });
  it('segments Chinese and Japanese without spaces', () => {
    expect(tokenize('有机水果和蔬菜', 'zh')).toEqual(['有机', '水果', '和', '蔬菜']);
    expect(tokenize('東京の新しいレストラン', 'ja')).toEqual(['東京', 'の', '新しい', 'レストラン']);
  });
  it('normalises full-width forms (NFKC)', () => {
    expect(tokenize('ＡＢＣ news', 'en')).toEqual(['abc', 'news']);
  });
});

describe('stop words and stems', () => {
  it('has stop-word lists per language', () => {
    expect(stopWords('en').has('the')).toBe(true);
    expect(stopWords('de').has('und')).toBe(true);
    expect(stopWords('ru').has('и')).toBe(true);
    expect(stopWords('ar').has('في')).toBe(true);
    expect(stopWords('zh').has('的')).toBe(true);
    expect(stopWords(null).size).toBe(0);
  });
  it('stems per language with Snowball', () => {
    expect(stem('running', 'en')).toBe('run');
    expect(stem('vegetables', 'en')).toBe(stem('vegetable', 'en'));
    expect(stem('légumes', 'fr')).toBe(stem('légume', 'fr'));
    expect(stem('книгами', 'ru')).toBe('книг');
    expect(stem('Gemüse', 'xx')).toBe('Gemüse');
  });
  it('terms drop stop words and stem the rest', () => {
    expect(terms('The organic vegetables of the farm', 'en')).toEqual(['organ', 'veget', 'farm']);
    expect(terms('Die Kinder spielen im Garten', 'de')).toEqual(['kind', 'spiel', 'gart']);
  });
});

describe('language', () => {
  it('normalises BCP 47 tags', () => {
    expect(normalizeLanguage('en-GB')).toBe('en');
    expect(normalizeLanguage('pt_BR')).toBe('pt');
    expect(normalizeLanguage('no')).toBe('nb');
    expect(normalizeLanguage('xx')).toBeNull();
    expect(normalizeLanguage('')).toBeNull();
  });
  it('detects the language from script and stop words', () => {
    expect(dominantScript('Привет мир')).toBe('Cyrl');
    expect(dominantScript('東京のレストラン')).toBe('Jpan');
    expect(detectLanguage('The farm sells its vegetables at the market on Saturdays and in the shop.')).toBe('en');
    expect(detectLanguage('La ferme vend ses légumes au marché le samedi et dans la boutique.')).toBe('fr');
    expect(detectLanguage('Der Bauernhof verkauft sein Gemüse samstags auf dem Markt und im Laden.')).toBe('de');
    expect(detectLanguage('Ферма продаёт овощи на рынке по субботам и в магазине.')).toBe('ru');
    expect(detectLanguage('有机农场每周六在市场上出售蔬菜')).toBe('zh');
    expect(detectLanguage('')).toBeNull();
  });
});

const vec = (words: string[], lang: string) => {
  const v = new Float32Array(EMBED_DIMS);
  return { found: addTokens(v, words, 1, lang), v: [...v] };
};
const cosine = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0) / Math.hypot(...a) / Math.hypot(...b);

describe('similarity', () => {
  const a = 'Organic vegetables and fresh fruit from local farms, harvested in season.';
  const b = 'Our farm grows organic tomatoes, carrots and leafy greens for the market.';
  const c = 'How to choose a reliable babysitter for your toddler and school children.';
  it('is symmetric and 1 for a text with itself', () => {
    for (const lang of ['en', 'fr'] as const) {
      const s1 = textSimilarity(a, b, lang).score;
      const s2 = textSimilarity(b, a, lang).score;
      expect(s1).toBeCloseTo(s2, 6);
    }
    expect(textSimilarity(a, a, 'en').score).toBeGreaterThan(0.95);
    expect(textSimilarity(a, a, 'de').lexical).toBeCloseTo(1, 6);
  });
  it('stays in 0–1 and is 0 for empty text', () => {
    for (const [x, y] of [[a, b], [a, c], [b, c], ['', a]] as const) {
      const s = textSimilarity(x, y, 'en').score;
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
    }
    expect(textSimilarity('', a, 'en').score).toBe(0);
  });
  it('ranks same-topic pairs above different-topic pairs', () => {
    expect(textSimilarity(a, b, 'en').score).toBeGreaterThan(textSimilarity(a, c, 'en').score + 0.1);
    // French, through the English vectors (cognates) and its own terms.
    const fa = 'Les légumes biologiques et les fruits frais de la ferme locale.';
    const fb = 'La ferme locale cultive des légumes biologiques pour le marché.';
    const fc = 'Comment choisir une baby-sitter fiable pour vos enfants.';
    expect(textSimilarity(fa, fb, 'fr').score).toBeGreaterThan(textSimilarity(fa, fc, 'fr').score + 0.1);
    // Without word vectors (lexical only): Arabic.
    const aa = 'الخضروات العضوية والفواكه الطازجة من المزارع المحلية.';
    const ab = 'المزرعة المحلية تزرع الخضروات العضوية للسوق.';
    const ac = 'كيف تختار جليسة أطفال موثوقة لطفلك.';
    expect(textSimilarity(aa, ab, 'ar').semantic).toBeNull();
    expect(textSimilarity(aa, ab, 'ar').score).toBeGreaterThan(textSimilarity(aa, ac, 'ar').score + 0.1);
  });
  it('relates Romance, Germanic and Russian sentences that share no word, through English cognates', () => {
    // No word in common between the two football sentences; their cognates (football, champion,
    // match / Fußball, Meisterschaft…) carry the topic. The third sentence is about politics.
    const pairs: [string, string, string, string][] = [
      ['fr', 'Le club de football a gagné le championnat national.', "L'équipe a marqué trois buts pendant le match décisif.", 'Le gouvernement présente une réforme constitutionnelle au parlement.'],
      ['es', 'El club de fútbol ganó el campeonato nacional.', 'El equipo marcó tres goles durante el partido decisivo.', 'El gobierno presenta una reforma constitucional al parlamento.'],
      ['ru', 'Клуб выиграл финальный матч на стадионе.', 'Спортсмены начали сезон с победы в турнире.', 'Правительство представило парламенту конституционную реформу.'],
      ['de', 'Der Fußballverein gewann die nationale Meisterschaft im Stadion.', 'Die Mannschaft erzielte drei Tore im entscheidenden Spiel der Liga.', 'Die Regierung legt dem Parlament eine Reform der Verfassung und der Steuerpolitik vor.'],
    ];
    for (const [lang, sport1, sport2, politics] of pairs) {
      const same = textSimilarity(sport1, sport2, lang);
      const other = textSimilarity(sport1, politics, lang);
      expect(same.semantic, lang).not.toBeNull();
      expect(same.semantic!, lang).toBeGreaterThan(other.semantic!);
    }
  });
  it('judges a text with no word vector by its lexical part alone', () => {
    // A word no dictionary, English spelling or cognate knows: no semantic evidence either way.
    const same = textSimilarity('brouzoufle', 'brouzoufle', 'fr');
    expect(same.semantic).toBeNull();
    expect(same.evidence.vectorShare).toBe(0);
    expect(same.lexical).toBeCloseTo(1, 6);
    const other = textSimilarity('brouzoufle', 'gribouillon', 'fr');
    expect(other.lexical).toBe(0);
    expect(same.score).toBeGreaterThan(other.score + 0.3);
    // English: a text of names only.
    const en = textSimilarity('Xyzzyco', 'Xyzzyco', 'en');
    expect(en.semantic).toBeNull();
    expect(en.score).toBeGreaterThan(0.5);
  });
  it('maps words to English spellings only by regular correspondences', () => {
    expect(foldWord('Éducation')).toBe('education');
    expect(foldWord('Fußball')).toBe('fussball');
    expect(spellings('kultur', 'de')).toContain('cultur');
    expect(spellings('estudiante', 'es')).toContain('studiante');
    expect(spellings('fisica', 'es')).toContain('phisica');
    expect(spellings('fisica', 'fr')).toEqual(['fisica']);
    // A German compound takes its head's vector; a French word the vector of its English cognate.
    expect(cosine(vec(['verfassungsreform'], 'de').v, vec(['reform'], 'en').v)).toBeGreaterThan(0.8);
    expect(cosine(vec(['politique'], 'fr').v, vec(['politics'], 'en').v)).toBeGreaterThan(0.6);
    expect(cosine(vec(['politique'], 'fr').v, vec(['football'], 'en').v)).toBeLessThan(0.5);
    // Words with no English look-alike stay out rather than take a wrong vector.
    expect(vec(['brouzoufle'], 'fr').found).toBe(0);
    expect(vec(['verfassungsreform'], 'fr').found).toBe(0);
    expect(foldWord('Кризис')).toBe('krizis');
    expect(spellings('krizis', 'ru')).toContain('crisis');
    expect(usesEmbeddings('fr')).toBe(true);
    expect(usesEmbeddings('tr')).toBe(true);
    expect(usesEmbeddings('ar')).toBe(false);
    expect(usesEmbeddings(null)).toBe(false);
  });
  it('weights parts and reports shared terms as surface words', () => {
    const page = topicVector([{ text: 'Organic vegetables', weight: 3 }, { text: a, weight: 1 }], 'en');
    const link = topicVector('fresh organic vegetables delivered', 'en');
    expect(sharedTerms(link, page)).toEqual(expect.arrayContaining(['organic', 'vegetables']));
    expect(similarity(link, page).score).toBeGreaterThan(0.3);
  });
  it('weights rare words above common ones (IDF)', () => {
    const v = topicVector('people tomatoes', 'en');
    const people = [...v.terms].find(([t]) => t === stem('people', 'en'))![1];
    const tomatoes = [...v.terms].find(([t]) => t === stem('tomatoes', 'en'))![1];
    expect(tomatoes).toBeGreaterThan(people);
  });
});

describe('a page less a link’s own text', () => {
  it('equals the page built without that text, for terms, vectors and similarity', () => {
    const title = 'Growing organic tomatoes';
    const rest = 'Tomatoes need sun, compost and steady watering; pinch out the side shoots every week.';
    const own = 'Our seeds come from a heritage tomato nursery that also sells organic compost.';
    for (const lang of ['en', 'fr'] as const) {
      const page = topicVector([{ text: title, weight: 3 }, { text: `${rest} ${own}`, weight: 1 }], lang);
      const less = without(page, partStats(own, lang));
      const built = topicVector([{ text: title, weight: 3 }, { text: rest, weight: 1 }], lang);
      expect(new Map(less.terms)).toEqual(new Map([...built.terms].map(([t, w]) => [t, expect.closeTo(w, 9)])));
      expect(less.size).toBe(built.size);
      const link = topicVector(`${own} heritage tomato seeds`, lang);
      expect(similarity(link, less).score).toBeCloseTo(similarity(link, built).score, 6);
      if (built.emb) expect(cosine([...less.emb!], [...built.emb])).toBeCloseTo(1, 5);
    }
  });
});

describe('bilingual dictionaries onto the English vectors', () => {
  it('maps a word through its stem to English rows', () => {
    // Words with no English look-alike: only the dictionary knows them.
    for (const [word, lang, english] of [
      ['santé', 'fr', 'health'],
      ['gesundheit', 'de', 'health'],
      ['здоровья', 'ru', 'health'],
      ['sağlık', 'tr', 'health'],
      ['銀行', 'ja', 'bank'],
      ['银行', 'zh', 'bank'],
    ] as const) {
      const v = vec([word], lang);
      expect(v.found, word).toBe(1);
      expect(cosine(v.v, vec([english], 'en').v), word).toBeGreaterThan(0.6);
    }
    expect(dictionaryRows('santé', 'fr')).not.toBeNull();
    expect(dictionaryRows('brouzoufle', 'fr')).toBeNull();
  });
  it('finds the words inside a Chinese or Japanese segment the table does not hold whole', () => {
    // 银行 (bank) + 账户 (account) written as one segment.
    const rows = dictionaryRows('银行账户', 'zh');
    expect(rows).not.toBeNull();
    expect(cosine(vec(['银行账户'], 'zh').v, vec(['bank', 'account'], 'en').v)).toBeGreaterThan(0.7);
  });
  it('takes a word spelt as in English as the English word', () => {
    expect(cosine(vec(['internet'], 'ru').v, vec(['internet'], 'en').v)).toBeCloseTo(1, 5);
  });
  it('gives Chinese and Japanese sentence vectors, so sentences that share no word relate', () => {
    expect(usesEmbeddings('ja')).toBe(true);
    expect(usesEmbeddings('zh')).toBe(true);
    const same = textSimilarity('足球队赢得了比赛', '球员在体育场踢球', 'zh');
    const other = textSimilarity('足球队赢得了比赛', '政府宣布新的税收政策', 'zh');
    expect(same.semantic!).toBeGreaterThan(other.semantic!);
  });
});

describe('page topic helpers', () => {
  it('takes words from URL paths, not ids or extensions', () => {
    expect(urlWords('https://x.example/menu/seasonal-dishes_2024/item.php?id=5')).toBe('menu seasonal dishes item');
    expect(urlWords('https://x.example/p/8f3a9b2c1d4e5f60')).toBe('p');
    expect(urlWords(null)).toBe('');
  });
  it('leaves header, nav, footer and aside out of the main text', async () => {
    const doc = new DOMParser().parseFromString('<body><header>Menu</header><p>Tomatoes grow</p><aside>Ads</aside><footer>Legal</footer></body>', 'text/html');
    const { models } = await collectPage(doc);
    expect(contentText(models[0]!, 0)).toBe('Tomatoes grow');
  });
});

async function analyse(html: string, targetTopics?: Record<string, string>, linkUrl = RESTAURANT_URL) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const facts = readPageFacts(doc);
  const collected = await collectPage(doc);
  const links = collected.links.map((l) => extractFeatures(l, pageDomainOf(doc.URL)));
  const placements: PlacementResult[] = links.map((l) => ({
    placement: l.el.closest('header') ? 'header' : l.el.closest('footer') ? 'footer' : 'body',
    confidence: 1,
    signals: [],
  }));
  const { blocks, linkBlocks } = await contextBlockTexts(links);
  const relevance = await scoreRelevance(facts, links, {
    checkpoint: () => {},
    targetTopics,
    mainText: mainText({ model: collected.models[0]!, root: -1 }, links, (i) => placements[i]!.placement === 'body'),
    contexts: linkBlocks.map((b) => (b >= 0 ? blocks[b]! : null)),
  });
  const scores = scoreLinks(facts, links, placements, relevance);
  const i = links.findIndex((l) => l.url === linkUrl);
  return { link: links[i]!, relevance: relevance[i]!, score: scores[i]! };
}

describe("the seed's restaurant example", () => {
  it('a restaurant link on an organic-produce page is worth clearly more than on a babysitting page', async () => {
    const organic = await analyse(ORGANIC_PAGE);
    const babysitting = await analyse(BABYSITTING_PAGE);
    expect(organic.relevance.contextRelevance).toBeGreaterThan(babysitting.relevance.contextRelevance + 0.2);
    // On the babysitting page the link's own sentence is about the page's topic (the sitter, the
    // parents' evening out): context relevance says so. What sets the two links clearly apart is
    // the target's topic (next test: +10 points).
    expect(organic.score.score).toBeGreaterThan(babysitting.score.score + 5);
    expect(organic.relevance.sharedTerms.length).toBeGreaterThan(0);
  });
  it('with the target topic known, target relevance separates the pages too', async () => {
    const topics = { 'greentable-bistro.example': RESTAURANT_TOPIC };
    const organic = await analyse(ORGANIC_PAGE, topics);
    const babysitting = await analyse(BABYSITTING_PAGE, topics);
    expect(organic.relevance.targetRelevance).not.toBeNull();
    expect(organic.relevance.targetRelevance!).toBeGreaterThan(babysitting.relevance.targetRelevance! + 0.15);
    expect(organic.relevance.sharedTerms).toEqual(expect.arrayContaining(['vegetables']));
    expect(organic.score.score).toBeGreaterThan(babysitting.score.score + 10);
  });
  it('holds in French too, where the English vectors come through cognates', async () => {
    const bio = await analyse(PAGE_BIO, undefined, RESTAURANT_URL_FR);
    const babysitting = await analyse(PAGE_BABYSITTING, undefined, RESTAURANT_URL_FR);
    // As in English, the babysitting page's sentence around the link is on that page's topic.
    expect(bio.relevance.contextRelevance).toBeGreaterThan(babysitting.relevance.contextRelevance + 0.03);
    expect(bio.score.score).toBeGreaterThan(babysitting.score.score);
    // With the target's topic known, the French pages separate clearly.
    const topics = { 'table-verte.example': 'La Table Verte : un bistro qui cuisine des plats de saison avec des légumes, des fruits et des herbes biologiques ; menu du déjeuner et du dîner, vins, réservations.' };
    const bioT = await analyse(PAGE_BIO, topics, RESTAURANT_URL_FR);
    const babysittingT = await analyse(PAGE_BABYSITTING, topics, RESTAURANT_URL_FR);
    expect(bioT.relevance.targetRelevance!).toBeGreaterThan(babysittingT.relevance.targetRelevance! + 0.15);
    expect(bioT.score.score).toBeGreaterThan(babysittingT.score.score + 5);
  });
  it('without a known target topic, targetRelevance is null', async () => {
    expect((await analyse(ORGANIC_PAGE)).relevance.targetRelevance).toBeNull();
  });
});

describe('link context', () => {
  it('takes prose around a link as context, but not the neighbouring anchors of a menu', async () => {
    const { analyzePage } = await import('../../lib/analyze');
    const doc = new DOMParser().parseFromString(
      `<html lang="en"><head><title>Growing tomatoes and lettuce</title></head><body>
        <div class="menu"><a href="/tomatoes">Tomatoes</a> <a href="/kale">Kale</a> <a href="/lettuce">Lettuce</a></div>
        <nav class="breadcrumbs"><a href="/">Home</a> › <a href="/guides/">Guides</a> › Growing tomatoes and lettuce</nav>
        <main><h1>Growing tomatoes and lettuce</h1>
          <p>Tomatoes and lettuce share a bed well: the lettuce shades the tomato roots. We order seed from
             <a href="https://seeds.example/">our supplier</a> every winter.</p></main></body></html>`,
      'text/html',
    );
    const report = await analyzePage(doc);
    const link = (text: string) => report.links.find((l) => l.text === text)!;
    // The menu link's own words say nothing of tomatoes or lettuce; its neighbours do, and do not count.
    expect(link('Kale').sharedTerms).toEqual([]);
    expect(link('Kale').contextRelevance).toBeLessThan(link('Tomatoes').contextRelevance);
    // A breadcrumb repeats the page title as plain text: that is not context for "Home", whose
    // one word cannot tell whether it is on-topic.
    expect(link('Home').sharedTerms).toEqual([]);
    expect(link('Home').reasons.map((r) => r.code)).toContain('relevance-unknown');
    // A link in prose takes its sentence: on-topic although its anchor is not.
    expect(link('our supplier').sharedTerms).toEqual(expect.arrayContaining(['tomatoes', 'lettuce']));
    expect(link('our supplier').contextRelevance).toBeGreaterThan(link('Kale').contextRelevance);
  });
});

describe('shared terms', () => {
  it('name only words the page has beyond the link’s own paragraph', async () => {
    const { analyzePage } = await import('../../lib/analyze');
    const doc = new DOMParser().parseFromString(
      `<html lang="en"><head><title>Growing kale in winter</title></head><body><main>
        <h1>Growing kale in winter</h1>
        <p>Kale survives frost and tastes sweeter after it. Sow kale in late summer, mulch the bed and pick the outer leaves.</p>
        <section class="comments"><p>I grow kale on my balcony: <a href="https://balcony.example/diary">my balcony diary</a>.</p></section>
      </main></body></html>`,
      'text/html',
    );
    const report = await analyzePage(doc);
    const diary = report.links.find((l) => l.text === 'my balcony diary')!;
    expect(diary.sharedTerms).toContain('kale');
    // "balcony" and "diary" occur only in the link's own comment: not a reason.
    expect(diary.sharedTerms).not.toContain('balcony');
    expect(diary.sharedTerms).not.toContain('diary');
  });
});

describe('sharedTerms', () => {
  const vec = (entries: [string, number][]) => ({ lang: 'en', terms: new Map(entries), surface: new Map<string, string>(), emb: null, size: entries.length, found: 0 });
  it('gives the strongest shared terms, ties in the order of the first vector, sub-words and rejected terms left out', () => {
    const a = vec([['kale', 0.5], ['#kal', 0.9], ['soil', 0.5], ['seed', 0.2], ['rain', 0.9], ['sun', 0.5]]);
    const b = vec([['kale', 1], ['#kal', 1], ['soil', 1], ['seed', 1], ['sun', 1], ['tomato', 1]]);
    expect(sharedTerms(a, b, 2)).toEqual(['kale', 'soil']);
    expect(sharedTerms(a, b, 5)).toEqual(['kale', 'soil', 'sun', 'seed']);
    expect(sharedTerms(a, b, 5, (t) => t !== 'soil')).toEqual(['kale', 'sun', 'seed']);
    // Limits that are not a count keep `slice` semantics.
    expect(sharedTerms(a, b, 0)).toEqual([]);
    expect(sharedTerms(a, b, -1)).toEqual(['kale', 'soil', 'sun']);
  });
});
