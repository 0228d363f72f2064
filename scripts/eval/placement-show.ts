/** Prints every link's placement and signals for an HTML file (a fixture or a saved page).
 *   npx tsx scripts/eval/placement-show.ts tests/fixtures/placement/guide-lists.html [url] */
import { pageDomainOf } from '../../lib/domain';
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { collectPage } from '../../lib/page/model';
import { extractFeatures } from '../../lib/page/features';
import { readPageFacts } from '../../lib/page/page-facts';
import { classifyPlacements } from '../../lib/page/placement/index';

const doc = new JSDOM(readFileSync(process.argv[2]!, 'utf8'), { url: process.argv[3] ?? 'https://www.example.com/page' }).window.document;
const facts = readPageFacts(doc);
const links = (await collectPage(doc)).links.map((c) => extractFeatures(c, pageDomainOf(doc.URL)));
const res = await classifyPlacements(doc, links, { checkpoint: () => undefined });
links.forEach((l, i) => console.log(`${(l.el.id || '').padEnd(12)} ${res[i]!.placement.padEnd(8)} ${res[i]!.confidence.toFixed(2)} ${l.text.slice(0, 30).padEnd(30)} | ${res[i]!.signals.join('; ')}`));
