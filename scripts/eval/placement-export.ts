/**
 * Exports the per-link placement signals of every dev page with its label, for fitting the model in
 * lib/page/placement/model.ts (scripts/eval/placement-fit.py). Output: /tmp/placement-features.csv, one row per
 * labelled link: page id, site (registrable domain), page type, label, the signals.
 *
 *   npx tsx scripts/eval/placement-export.ts [out.csv]
 */
import { pageDomainOf } from '../../lib/domain';
import { writeFileSync } from 'node:fs';
import { JSDOM, VirtualConsole } from 'jsdom';
import { collectPage } from '../../lib/page/model';
import { extractFeatures } from '../../lib/page/features';
import { readPageFacts } from '../../lib/page/page-facts';
import { MAIN } from '../../lib/page/placement/knobs';
import { gatherEvidence } from '../../lib/page/placement/index';
import { FEATURES } from '../../lib/page/placement/link-signals';
import { listPageIds, loadHtml, loadLabels } from './placement-metrics';

const out = process.argv[2] ?? '/tmp/placement-features.csv';
// Tuning hook: PLACEMENT_MAIN='{"linkTextCost":0.5}' overrides main-content parameters for this export.
if (process.env.PLACEMENT_MAIN) Object.assign(MAIN, JSON.parse(process.env.PLACEMENT_MAIN));
const rows = [['id', 'site', 'type', 'label', ...FEATURES].join(',')];
for (const id of listPageIds()) {
  const page = loadLabels(id);
  // The registrable domain groups pages of one site into one fold (site-grouped cross-validation).
  const site = pageDomainOf(page.url) ?? id;
  let dom: JSDOM;
  try {
    dom = new JSDOM(loadHtml(id), { url: page.url, virtualConsole: new VirtualConsole() });
  } catch {
    dom = new JSDOM(loadHtml(id), { virtualConsole: new VirtualConsole() });
  }
  const doc = dom.window.document;
  const index = new Map<Element, number>();
  [...doc.querySelectorAll('a[href]')].forEach((a, i) => index.set(a, i));
  const facts = readPageFacts(doc);
  const links = (await collectPage(doc)).links.map((c) => extractFeatures(c, pageDomainOf(doc.URL)));
  const ev = await gatherEvidence(links, { checkpoint: () => undefined });
  const labelOf = new Map(page.links.map((l) => [l.i, l.label]));
  links.forEach((l, k) => {
    const i = index.get(l.el);
    const e = ev[k];
    if (i === undefined || !e) return;
    const label = labelOf.get(i);
    if (!label || label === 'ambiguous') return;
    rows.push([id, site, page.page_type, label, ...FEATURES.map((_, j) => +e.features[j]!.toFixed(4))].join(','));
  });
  dom.window.close();
}
writeFileSync(out, rows.join('\n') + '\n');
console.log(`${rows.length - 1} links → ${out}`);
