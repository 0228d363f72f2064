/**
 * One CSV formula guard for every CSV the extension writes (issue #13 §6): the history export
 * missed full-width ＝, leading spaces and newlines, which the link table's guard caught.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { backlinksCsv } from '@/lib/history/csv';
import { toCsv } from '@/lib/table-export';
import { makeLink } from '../fixtures/surfaces/report';

const FORMULAS = ['=HYPERLINK("http://evil")', '+1+2', '-2+3', '@SUM(A1)', '\uFF1DHYPERLINK("http://evil")', '\uFF20SUM(A1)', '  =1', '\t=1', '\r=1', '\n=1', ' \n @cmd', '=1\nsecond line'];

describe('both CSV exports', () => {
  it.each(FORMULAS)('write %j as text', (evil) => {
    const [header, tableRow] = Papa.parse<string[]>(toCsv([{ link: makeLink(0, { text: evil }), mine: null }]), { skipEmptyLines: true }).data;
    expect(tableRow![header!.indexOf('anchor_text')]).toBe(`'${evil}`);
    const history = backlinksCsv([
      {
        myDomain: 'mine.example',
        pageUrl: 'https://blog.example/post',
        pageTitle: evil,
        firstSeen: 0,
        lastSeen: 0,
        timesSeen: 1,
        status: 'live',
        lostAt: null,
        latest: { inspectionId: 1, targetUrl: 'https://mine.example/', text: evil, placement: 'body', rel: [], followed: true, score: 50 },
        links: [{ inspectionId: 1, targetUrl: 'https://mine.example/', text: evil, placement: 'body', rel: [], followed: true, score: 50 }],
        linksInLatest: 1,
      },
    ]);
    const row = Papa.parse<string[]>(history, { skipEmptyLines: true }).data[1]!;
    expect(row[2]).toBe(`'${evil}`);
    expect(row[5]).toBe(`'${evil}`);
  });

  it.each(['plain text', 'https://example.com/?a=1', '1=1', 'email@example.com', 'a\n=b'])('leave %j alone', (safe) => {
    const [header, row] = Papa.parse<string[]>(toCsv([{ link: makeLink(0, { text: safe }), mine: null }]), { skipEmptyLines: true }).data;
    expect(row![header!.indexOf('anchor_text')]).toBe(safe);
  });
});
