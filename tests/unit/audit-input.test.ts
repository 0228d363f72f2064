/**
 * The audit list reader (issue #18 §1): each vendor's export header (their column names as they
 * ship them), quoted fields with delimiters and line breaks, a UTF-8 BOM, UTF-16 files,
 * semicolons and tabs, broken rows reported with their line numbers, duplicates merged, the
 * 10,000-row cap reported, plain lists and pasted text.
 */
import { describe, expect, it } from 'vitest';
import { buildRows, cellUrl, decodeListFile, readList, type ListTable } from '../../lib/audit/input';

const rowsOf = (t: ListTable) => buildRows(t, { sourceColumn: t.guess.source, targetColumn: t.guess.target });

describe('readList — vendor exports', () => {
  it('Search Console "Latest links": the linking page column, no target', () => {
    const t = readList('Linking page,Last crawled\r\nhttps://gardenjournal.example/raised-beds/,2026-08-01\r\nhttps://soilnotes.example/compost,2026-07-28\r\n', 'greenplot.example-Latest links-2026-08-02.csv');
    expect(t.header).toEqual(['Linking page', 'Last crawled']);
    expect(t.guess).toEqual({ source: 0, target: -1, sure: true, vendor: 'Search Console' });
    const { rows, problems } = rowsOf(t);
    expect(problems).toEqual([]);
    expect(rows.map((r) => [r.sourceUrl, r.targetUrl, r.line])).toEqual([
      ['https://gardenjournal.example/raised-beds/', null, 2],
      ['https://soilnotes.example/compost', null, 3],
    ]);
  });

  it('Ahrefs backlinks: "Referring page URL" and "Target URL" among the other columns', () => {
    const csv = [
      '"Referring page title","Referring page URL","Language","Domain rating","Target URL","Anchor","Nofollow"',
      '"Raised beds, the easy way — Garden Journal","https://gardenjournal.example/raised-beds/","en","41","https://greenplot.example/kits","raised bed kits","false"',
      '"Compost 101","https://soilnotes.example/compost","en","23","https://greenplot.example/","Greenplot","true"',
    ].join('\n');
    const t = readList(csv, 'greenplot.example-backlinks-subdomains.csv');
    expect(t.guess).toMatchObject({ source: 1, target: 4, sure: true, vendor: 'Ahrefs' });
    const { rows } = rowsOf(t);
    expect(rows[0]).toMatchObject({ sourceUrl: 'https://gardenjournal.example/raised-beds/', targetUrl: 'https://greenplot.example/kits', line: 2 });
    // The title's comma stays inside its quoted field; every cell is kept for the export.
    expect(rows[0]!.cells[0]).toBe('Raised beds, the easy way — Garden Journal');
    expect(rows[0]!.cells).toHaveLength(7);
  });

  it('Ahrefs "for Excel": UTF-16LE with a byte order mark, tab-separated', () => {
    const text = 'Referring page URL\tTarget URL\tAnchor\nhttps://gardenjournal.example/a\thttps://greenplot.example/\tGreenplot\n';
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from(text).flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
    const t = readList(decodeListFile(utf16), 'export.csv');
    expect(t.delimiter).toBe('\t');
    expect(t.guess).toMatchObject({ source: 0, target: 1, sure: true });
    expect(rowsOf(t).rows[0]!.sourceUrl).toBe('https://gardenjournal.example/a');
  });

  it('Semrush backlinks: "Source url" and "Target url"', () => {
    const csv = 'Page ascore,Source title,Source url,Target url,Anchor,External links,Internal links,Nofollow\n12,Balcony tomatoes,https://balconygrower.example/tomatoes,https://greenplot.example/seeds,tomato seeds,14,40,false\n';
    const t = readList(csv);
    expect(t.guess).toMatchObject({ source: 2, target: 3, sure: true, vendor: 'Semrush' });
    expect(rowsOf(t).rows[0]!.targetUrl).toBe('https://greenplot.example/seeds');
  });

  it('Majestic: "SourceURL" after "TargetURL"', () => {
    const csv = 'TargetURL,SourceURL,AnchorText,SourceCrawlDate,FlagNoFollow\nhttps://greenplot.example/,https://orchardtales.example/2026/apples,greenplot,2026-06-01,-\n';
    const t = readList(csv);
    expect(t.guess).toMatchObject({ source: 1, target: 0, sure: true, vendor: 'Majestic' });
    expect(rowsOf(t).rows[0]).toMatchObject({ sourceUrl: 'https://orchardtales.example/2026/apples', targetUrl: 'https://greenplot.example/' });
  });

  it('a European spreadsheet: semicolons, a BOM, quoted fields holding semicolons and line breaks', () => {
    const csv = '\uFEFFSeite;URL;Notiz\r\n"Kompost; richtig";https://kitchenplot.example/kompost;"zwei\r\nZeilen"\r\nBeet;https://kitchenplot.example/beet;ok\r\n';
    const t = readList(csv, 'links.csv');
    expect(t.delimiter).toBe(';');
    expect(t.header).toEqual(['Seite', 'URL', 'Notiz']);
    expect(t.guess.source).toBe(1);
    const { rows } = rowsOf(t);
    expect(rows.map((r) => r.line)).toEqual([2, 4]);
    expect(rows[0]!.cells).toEqual(['Kompost; richtig', 'https://kitchenplot.example/kompost', 'zwei\r\nZeilen']);
  });

  it('an unknown header: the URL column is found by its cells, and the reader says it is unsure', () => {
    const csv = 'Site name,Where,Paid\nGarden Journal,https://gardenjournal.example/post,yes\nSoil Notes,https://soilnotes.example/x,no\n';
    const t = readList(csv, 'placements.csv');
    expect(t.header).toEqual(['Site name', 'Where', 'Paid']);
    expect(t.guess).toEqual({ source: 1, target: -1, sure: false, vendor: null });
  });
});

describe('readList — broken rows, duplicates, the cap', () => {
  it('reports every unusable row with its line, and reads on after a quote never closed', () => {
    const csv = [
      'Source url,Target url',
      'https://gardenjournal.example/a,https://greenplot.example/',
      'not a url,https://greenplot.example/',
      'javascript:alert(1),https://greenplot.example/',
      '"https://gardenjournal.example/b,https://greenplot.example/',
      'https://gardenjournal.example/c,https://greenplot.example/',
      '',
      'https://gardenjournal.example/d',
      'https://gardenjournal.example/e,mailto:someone@greenplot.example',
      'ftp://files.example/list.txt,',
    ].join('\n');
    const t = readList(csv, 'semrush.csv');
    const { rows, problems } = rowsOf(t);
    expect(rows.map((r) => [r.line, r.sourceUrl])).toEqual([
      [2, 'https://gardenjournal.example/a'],
      [6, 'https://gardenjournal.example/c'],
      [8, 'https://gardenjournal.example/d'],
    ]);
    expect(problems.map((p) => p.line)).toEqual([3, 4, 5, 9, 10]);
    expect(problems[0]!.message).toMatch(/not a URL/);
    expect(problems[1]!.message).toMatch(/not a web page \(javascript:\)/);
    expect(problems[2]!.message).toMatch(/quoted field is never closed/);
    expect(problems[3]!.message).toMatch(/target not a web page \(mailto:\)/);
    expect(problems[4]!.message).toMatch(/not a web page \(ftp:\)/);
  });

  it('says which column is missing on a short row', () => {
    const t = readList('Anchor,Referring page URL\nGreenplot\n');
    const { rows, problems } = rowsOf(t);
    expect(rows).toEqual([]);
    expect(problems).toEqual([{ line: 2, message: 'no “Referring page URL” on this line (1 field)' }]);
  });

  it('merges duplicates (the same source and target, fragments and host case aside) and keeps their lines', () => {
    const t = readList('https://GardenJournal.example/a#comments\nhttps://gardenjournal.example/a\nhttps://gardenjournal.example/b\nhttps://gardenjournal.example/a', 'list.txt');
    const { rows, duplicates } = rowsOf(t);
    expect(duplicates).toBe(2);
    expect(rows.map((r) => [r.sourceUrl, r.line, r.mergedLines])).toEqual([
      ['https://gardenjournal.example/a', 1, [2, 4]],
      ['https://gardenjournal.example/b', 3, []],
    ]);
    expect(rows.map((r) => r.index)).toEqual([0, 1]);
  });

  it('the same source with two targets is two rows', () => {
    const t = readList('Source url,Target url\nhttps://a.example/p,https://greenplot.example/x\nhttps://a.example/p,https://greenplot.example/y\n');
    expect(rowsOf(t).rows).toHaveLength(2);
  });

  it('reads 10,000 rows and reports the rest instead of dropping them silently', () => {
    const lines = Array.from({ length: 10_050 }, (_, i) => `https://blog${i % 37}.example/post-${i}`);
    const { rows, problems, overCap } = rowsOf(readList(lines.join('\n'), 'big.txt'));
    expect(rows).toHaveLength(10_000);
    expect(overCap).toBe(50);
    expect(problems.at(-1)!.message).toMatch(/50 more rows over the limit of 10,000/);
  });
});

describe('readList — plain lists and pasted text', () => {
  it('a .txt list: blank lines and # comments skipped, scheme-less URLs get https://, line numbers kept', () => {
    const t = readList('# placements bought in July\n\nhttps://gardenjournal.example/a\nwww.soilnotes.example/compost\n  http://kitchenplot.example/b  \n', 'placements.txt');
    expect(t.kind).toBe('txt');
    const { rows } = rowsOf(t);
    expect(rows.map((r) => [r.line, r.sourceUrl])).toEqual([
      [3, 'https://gardenjournal.example/a'],
      [4, 'https://www.soilnotes.example/compost'],
      [5, 'http://kitchenplot.example/b'],
    ]);
  });

  it('pasted URLs are a plain list; pasted spreadsheet cells (tabs) are a table', () => {
    expect(readList('https://a.example/1\nhttps://a.example/2?x=1,2\n').kind).toBe('txt');
    const t = readList('https://a.example/1\thttps://greenplot.example/x\nhttps://a.example/2\thttps://greenplot.example/y\n');
    expect(t.kind).toBe('csv');
    expect(t.header).toBeNull();
    expect(t.guess).toMatchObject({ source: 0, target: 1, sure: false });
    expect(rowsOf(t).rows[1]).toMatchObject({ line: 2, targetUrl: 'https://greenplot.example/y' });
  });

  it('a one-column list with a header is a CSV: the header is not reported as a bad URL', () => {
    const t = readList('URL\nhttps://a.example/1\n');
    expect(t.header).toEqual(['URL']);
    expect(rowsOf(t)).toMatchObject({ problems: [], rows: [{ sourceUrl: 'https://a.example/1', line: 2 }] });
  });

  it('cellUrl refuses what is not a public web page', () => {
    expect(cellUrl('https://a.example/x#top')).toEqual({ url: 'https://a.example/x' });
    expect(cellUrl('localhost/admin')).toHaveProperty('error');
    expect(cellUrl('http://intranet/')).toEqual({ error: 'not a public site (“intranet”)' });
    expect(cellUrl('  ')).toEqual({ error: 'empty' });
  });
});
