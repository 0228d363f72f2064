/** Where the main content was found on dev pages, against the common ancestor of their labelled main links.
 *   npx tsx scripts/eval/placement-main.ts 0001 0002 … */
import { JSDOM, VirtualConsole } from 'jsdom';
import { analyzeDocument } from '../../lib/page/placement/index';
import { collectPage } from '../../lib/page/model';
import { loadHtml, loadLabels } from './placement-metrics';
for (const id of process.argv.slice(2)) {
  const page = loadLabels(id);
  const dom = new JSDOM(loadHtml(id), { url: page.url, virtualConsole: new VirtualConsole() });
  const doc = dom.window.document;
  const m = (await collectPage(doc)).models[0]!;
  const a = await analyzeDocument(m, () => undefined);
  const recordOf = new Map(m.el.map((e, i) => [e, i] as const));
  const rec = (i: number) => (i >= 0 ? { order: i, end: m.end[i]!, tag: m.tag[i]!, cls: m.cls[i]!, text: m.text[i]!, linkText: m.linkText[i]!, links: m.links[i]!, depth: m.depth[i]!, parentOrder: m.parent[i]! } : null);
  const anchors = [...doc.querySelectorAll('a[href]')];
  const r = rec(a.main.root);
  const mainLinks = page.links.filter((l) => l.label === 'main');
  // lowest common ancestor of all main links
  const blocks = mainLinks.map((l) => rec(recordOf.get(anchors[l.i]!) ?? -1)).filter(Boolean) as any[];
  let lo = Infinity, hi = -1; for (const b of blocks) { lo = Math.min(lo, b.order); hi = Math.max(hi, b.end); }
  let lca = blocks[0]; while (lca && !(lca.order <= lo && hi <= lca.end)) lca = rec(lca.parentOrder);
  const inside = blocks.filter((b) => r && r.order <= b.order && b.order <= r.end).length;
  const d = (b: any) => b ? `<${b.tag} ${b.cls.slice(0, 40)}> text=${b.text} link=${b.linkText} links=${b.links} depth=${b.depth}` : '-';
  console.log(id, page.page_type, 'main:', d(r), a.main.why.join('; '), `| mainlinks ${blocks.length} inside ${inside} | LCA ${d(lca)} pageText ${m.text[0]}`);
  dom.window.close();
}
