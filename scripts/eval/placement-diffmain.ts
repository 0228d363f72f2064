/** Pages whose main content changes between two MAIN settings, with the labelled links inside it.
 *   npx tsx scripts/eval/placement-diffmain.ts '{"gridOverRoot":1e9}' '{}' */
import { JSDOM, VirtualConsole } from 'jsdom';
import { analyzeDocument } from '../../lib/page/placement/index';
import { collectPage } from '../../lib/page/model';
import { MAIN } from '../../lib/page/placement/knobs';
import { listPageIds, loadHtml, loadLabels } from './placement-metrics';
const A = JSON.parse(process.argv[2]!), B = JSON.parse(process.argv[3]!);
const base = { ...MAIN };
for (const id of listPageIds()) {
  const page = loadLabels(id);
  const html = loadHtml(id);
  const res: string[] = [];
  for (const cfg of [A, B]) {
    Object.assign(MAIN, base, cfg);
    let dom; try { dom = new JSDOM(html, { url: page.url, virtualConsole: new VirtualConsole() }); } catch { dom = new JSDOM(html, { virtualConsole: new VirtualConsole() }); }
    const doc = dom.window.document;
    const m = (await collectPage(doc)).models[0]!;
  const a = await analyzeDocument(m, () => undefined);
  const recordOf = new Map(m.el.map((e, i) => [e, i] as const));
  const rec = (i: number) => (i >= 0 ? { order: i, end: m.end[i]!, tag: m.tag[i]!, cls: m.cls[i]!, text: m.text[i]!, linkText: m.linkText[i]!, links: m.links[i]!, depth: m.depth[i]!, parentOrder: m.parent[i]! } : null);
    const anchors = [...doc.querySelectorAll('a[href]')];
    const r = rec(a.main.root);
    let mi = 0, bi = 0, mains = 0;
    for (const l of page.links) {
      const b = rec(recordOf.get(anchors[l.i]!) ?? -1);
      const inside = !!(r && b && r.order <= b.order && b.order <= r.end);
      if (l.label === 'main') { mains++; if (inside) mi++; } else if (l.label === 'boilerplate' && inside) bi++;
    }
    res.push(`${r ? '<' + r.tag + ' ' + r.cls.slice(0, 30) + '>' : '-'} main ${mi}/${mains} bp ${bi}`);
    dom.window.close();
  }
  if (res[0] !== res[1]) console.log(id, page.page_type, '|', res[0], '||', res[1]);
}
