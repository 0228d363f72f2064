import { describe, expect, it } from 'vitest';
import { readPageFacts } from '@/lib/page/page-facts';
import { htmlDocument } from '../helpers/dom';

const page = (head: string, url = 'https://www.example.com/guides/kale?ref=nav') =>
  htmlDocument(`<!doctype html><html lang="de-AT"><head>${head}</head><body><h1>Grünkohl</h1><h2>Aussaat</h2></body></html>`, url);

describe('readPageFacts', () => {
  it('reads title, language, description, headings and the host (the background decides the domain)', () => {
    const facts = readPageFacts(page('<title> Grünkohl  anbauen </title><meta name="description" content="Wie man Grünkohl anbaut.">'));
    expect(facts).toMatchObject({
      title: 'Grünkohl anbauen',
      language: 'de-AT',
      description: 'Wie man Grünkohl anbaut.',
      headings: ['Grünkohl', 'Aussaat'],
      host: 'www.example.com',
      domain: null,
      indexable: true,
      pageNofollow: false,
      canonical: null,
      canonicalElsewhere: false,
    });
  });

  it('reads robots directives from robots and googlebot meta tags', () => {
    const facts = readPageFacts(page('<meta name="ROBOTS" content="NOINDEX, follow"><meta name="googlebot" content="nofollow">'));
    expect(facts.metaRobots).toEqual(['noindex', 'follow', 'nofollow']);
    expect(facts.indexable).toBe(false);
    expect(facts.pageNofollow).toBe(true);
    expect(readPageFacts(page('<meta name="robots" content="none">'))).toMatchObject({ indexable: false, pageNofollow: true });
  });

  it('tells whether the canonical points elsewhere', () => {
    const self = readPageFacts(page('<link rel="canonical" href="/guides/kale/">', 'https://www.example.com/guides/kale'));
    expect(self).toMatchObject({ canonical: 'https://www.example.com/guides/kale/', canonicalElsewhere: false });
    const other = readPageFacts(page('<link rel="Canonical" href="https://www.example.com/kale-guide">'));
    expect(other).toMatchObject({ canonical: 'https://www.example.com/kale-guide', canonicalElsewhere: true });
    expect(readPageFacts(page('<link rel="canonical" href="http://[bad">')).canonical).toBeNull();
  });
});
