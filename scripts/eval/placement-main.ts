/** Where the main content was found on dev pages, against the common ancestor of their labelled main links.
 *   npx tsx scripts/eval/placement-main.ts 0001 0002 … */
import { JSDOM, VirtualConsole } from 'jsdom';
import { analyzeDocument } from '../../lib/page/placement/index';
import { loadHtml, loadLabels } from './placement-metrics';
for (const id of process.argv.slice(2)) {
  const page = loadLabels(id);
  const dom = new JSDOM(loadHtml(id), { url: page.url, virtualConsole: new VirtualConsole() });
  const doc = dom.window.document;
  const a = await analyzeDocument(doc, () => undefined);
  const anchors = [...doc.querySelectorAll('a[href]')];
  const r = a.main.root;
  const mainLinks = page.links.filter((l) => l.label === 'main');
  // lowest common ancestor of all main links
  const blocks = mainLinks.map((l) => a.page.byEl.get(anchors[l.i]!)).filter(Boolean) as any[];
  let lo = Infinity, hi = -1; for (const b of blocks) { lo = Math.min(lo, b.order); hi = Math.max(hi, b.end); }
  let lca = blocks[0]; while (lca && !(lca.order <= lo && hi <= lca.end)) lca = lca.parent;
  const inside = blocks.filter((b) => r && r.order <= b.order && b.order <= r.end).length;
  const d = (b: any) => b ? `<${b.tag} ${b.cls.slice(0, 40)}> text=${b.text} link=${b.linkText} links=${b.links} depth=${b.depth}` : '-';
  console.log(id, page.page_type, 'main:', d(r), a.main.why.join('; '), `| mainlinks ${blocks.length} inside ${inside} | LCA ${d(lca)} pageText ${a.page.root!.text}`);
  dom.window.close();
}
