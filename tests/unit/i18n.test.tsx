/**
 * Issue 19 §9: every word the surfaces show comes from the locale files. English and German are
 * complete (same keys, same substitutions), numbers are formatted for the UI language, and a
 * user-visible string written into a component fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { LinkView } from '@/components/LinkView';
import { HistoryPanel } from '@/components/history/HistoryPanel';
import { Options } from '@/components/Options';
import { date, dateTime } from '@/components/i18n';
import { saveInspection, DAY_MS } from '@/lib/history/store';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { freshIndexedDb, makeReport as historyReport } from './history-helpers';
import { loadMessages, useLocale } from '../helpers/i18n';
import { makeLink, makeReport, sampleReport } from '../fixtures/surfaces/report';

afterEach(cleanup);

const ROOT = resolve(import.meta.dirname, '../..');
const LOCALES = readdirSync(join(ROOT, 'locales')).map((f) => f.replace(/\.yml$/, ''));

function componentFiles(dir = 'components'): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) out.push(...componentFiles(path));
    else if (e.name.endsWith('.tsx')) out.push(path);
  }
  return out;
}

/** Text a user would read, written into the markup: JSX text with a letter, or a literal title / aria-label / placeholder / alt. */
export function hardCodedStrings(source: string, file = 'x.tsx'): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && /\p{L}/u.test(node.text)) found.push(node.text.trim());
    if (ts.isJsxAttribute(node) && ['title', 'aria-label', 'placeholder', 'alt'].includes(node.name.getText(sf))) {
      const init = node.initializer;
      const literal = init && (ts.isStringLiteral(init) ? init : ts.isJsxExpression(init) && init.expression && (ts.isStringLiteral(init.expression) || ts.isNoSubstitutionTemplateLiteral(init.expression) || ts.isTemplateExpression(init.expression)) ? init.expression : null);
      if (literal && /\p{L}/u.test(literal.getText(sf))) found.push(literal.getText(sf));
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  // rel and the tokens SEO tools name as they are: not words to translate.
  return found.filter((s) => !/^(rel|URL)$/.test(s));
}

describe('locale files', () => {
  it('English and German have the same keys and the same substitutions', async () => {
    expect(LOCALES).toEqual(expect.arrayContaining(['en', 'de']));
    const en = await loadMessages('en');
    for (const locale of LOCALES) {
      const other = await loadMessages(locale);
      expect(Object.keys(other).sort(), locale).toEqual(Object.keys(en).sort());
      for (const [key, { message }] of Object.entries(en)) {
        const subs = (m: string) => [...new Set(m.match(/\$[1-9]/g) ?? [])].sort();
        expect(subs(other[key]!.message), `${locale} ${key}`).toEqual(subs(message));
        // Plural forms stay plural forms.
        expect(other[key]!.message.split(' | ').length, `${locale} ${key}`).toBe(message.split(' | ').length);
      }
    }
  });
});

describe('no hard-coded user-visible strings', () => {
  it('the checker finds text and literal labels, and leaves t() calls alone', () => {
    const src = `export const A = () => <div title="Close it" aria-label={t('x')}><b>Score</b> {t('y')} <i>{n}</i> · <button aria-label={\`Remove \${d}\`}>✕</button></div>;`;
    expect(hardCodedStrings(src)).toEqual(['"Close it"', 'Score', '`Remove ${d}`']);
  });

  for (const file of componentFiles()) {
    it(`${file} takes its words from the locale files`, () => {
      expect(hardCodedStrings(readFileSync(join(ROOT, file), 'utf8'), file)).toEqual([]);
    });
  }
});

describe('German', () => {
  it('shows the view in German, with German number formatting', async () => {
    await useLocale('de');
    const links = Array.from({ length: 1234 }, (_, i) => makeLink(i, { score: 70 }));
    render(<LinkView report={makeReport(links)} loading={false} myDomains={[]} />);
    expect(document.querySelector('.verdict__line')!.textContent).toBe('1.234 redaktionelle Follow-Links nach außen · 0 nofollow/UGC/sponsored · 0 in Kommentaren · bester 70');
    expect(screen.getByRole('button', { name: 'Redaktionelle Chancen' })).toBeTruthy();
    expect(screen.getByRole('button', { name: /^Wert/ })).toBeTruthy();
    expect(screen.getByText('Seite 1 von 13')).toBeTruthy();
    expect(document.querySelector('.col-relevance.num')!.textContent).toMatch(/^50\s%$/);
  });

  it('no English is left on the German view (every string on the page came through browser.i18n)', async () => {
    // Every German message is marked; any text with a letter outside a mark and outside the page's own data is hard-coded.
    await useLocale('de', (m) => `⟦${m}⟧`);
    const report = sampleReport();
    render(
      <LinkView report={report} loading={false} myDomains={[{ domain: 'mysite.example', description: '', added: 0 }]} />,
    );
    fireEvent.click(document.querySelector('tbody tr.row[data-index]')!);
    fireEvent.click(screen.getByText(/Legende/));
    const pageData = new Set(report.links.flatMap((l) => [l.text, l.domain ?? '', l.url ?? '', l.href, l.contextBefore, l.contextAfter, l.kind, ...l.sharedTerms, ...l.placementSignals, ...l.reasons.map((r) => r.text), ...l.rel]).filter(Boolean));
    pageData.add('mysite.example');
    /** Removes marked messages, inner ones first (a message can hold another as a substitution). */
    const unmarked = (s: string) => {
      for (let prev = ''; prev !== s; ) [prev, s] = [s, s.replace(/⟦[^⟦⟧]*⟧/g, '')];
      return s.trim();
    };
    const stray: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = unmarked(n.textContent!);
      if (!/\p{L}/u.test(text) || [...pageData].some((d) => text === d || d.includes(text))) continue;
      stray.push(text);
    }
    for (const el of document.querySelectorAll('[title], [aria-label], [placeholder]')) {
      for (const attr of ['title', 'aria-label', 'placeholder']) {
        const v = el.getAttribute(attr);
        if (v === null) continue;
        const rest = unmarked(v);
        if (/\p{L}/u.test(rest) && ![...pageData].some((d) => rest.includes(d) || d.includes(rest))) stray.push(`${attr}=${v}`);
      }
    }
    expect(stray).toEqual([]);
  });
});

/** Removes marked messages, inner ones first (a message can hold another as a substitution). */
function unmarked(s: string): string {
  for (let prev = ''; prev !== s; ) [prev, s] = [s, s.replace(/⟦[^⟦⟧]*⟧/g, '')];
  return s.trim();
}

/** Text with a letter on the page that came neither from a marked message nor from the data shown. */
function strayText(data: Set<string>): string[] {
  const known = (text: string) => [...data].some((d) => text === d || d.includes(text) || text.includes(d));
  const stray: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = unmarked(n.textContent!);
    if (/\p{L}/u.test(text) && !known(text)) stray.push(text);
  }
  for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], option')) {
    for (const attr of ['title', 'aria-label', 'placeholder']) {
      const v = el.getAttribute(attr);
      if (v !== null && /\p{L}/u.test(unmarked(v)) && !known(unmarked(v))) stray.push(`${attr}=${v}`);
    }
  }
  return stray;
}

describe('German: history and options', () => {
  it('the side panel’s history (changes, page history, backlinks, prospects, data) has no English left', async () => {
    await freshIndexedDb();
    const page = 'https://garten.test/beitrag';
    const t1 = Date.UTC(2026, 10, 2, 9, 30);
    const t2 = Date.UTC(2026, 11, 1, 18, 5);
    await saveInspection(historyReport({ url: page, title: 'Tomaten säen', time: t1, links: [{ url: 'https://mine.com/a', text: 'Saatgut', score: 70 }, { url: 'https://rival.com/', text: 'Konkurrenz' }] }));
    await saveInspection(
      historyReport({ url: page, title: 'Tomaten säen', time: t2, links: [{ url: 'https://mine.com/a', text: 'Saatgut', score: 12, rel: ['nofollow'], followed: false, placement: 'footer' }, { url: 'https://neu.test/', text: 'Neu' }] }),
    );
    await saveInspection(historyReport({ url: 'https://forum.test/t', title: 'Forum', time: t2 - DAY_MS, links: [{ url: 'https://rival.com/x', text: 'Laden' }] }));
    await useLocale('de', (m) => `⟦${m}⟧`);
    render(<HistoryPanel pageUrl={page} currentReport={null} myDomains={['mine.com']} competitors={['rival.com']} />);
    await screen.findByText(/Kandidaten/);
    await waitFor(() => expect(document.querySelectorAll('table')).toHaveLength(2));
    const data = new Set(['Tomaten säen', 'Forum', 'Saatgut', 'Konkurrenz', 'Neu', 'Laden', 'mine.com/a', 'neu.test', 'rival.com/x', 'rival.com/', 'nofollow', 'follow', page, 'https://forum.test/t']);
    for (const t of [t1, t2, t2 - DAY_MS]) [date(t), dateTime(t)].forEach((d) => data.add(d));
    expect(strayText(data)).toEqual([]);
  });

  it('the options page has no English left (provider names and list credits are names, not words)', async () => {
    await fakeBrowser.storage.sync.set({ 'myDomain:mine.com': { description: '', added: 1 }, 'myDomain:rival.com': { description: '', added: 2, role: 'competitor' } });
    fakeBrowser.permissions.contains = (async () => false) as never;
    await useLocale('de', (m) => `⟦${m}⟧`);
    render(<Options />);
    await screen.findByText('rival.com');
    const { LIST_CREDITS, PROVIDERS } = await import('@/lib/strength-sources');
    const data = new Set(['mine.com', 'rival.com', '★', '◆', ...Object.values(PROVIDERS).flatMap((p) => [p.label, p.name]), ...Object.values(LIST_CREDITS).flatMap((c) => [c.credit, c.licence, c.url.replace('https://', '')])]);
    expect(strayText(data)).toEqual([]);
  });
});
