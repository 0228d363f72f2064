/** Pages whose main content changes between two MAIN settings, with the labelled links inside it.
 *   npx tsx scripts/eval/placement-diffmain.ts '{"gridOverRoot":1e9}' '{}' */
import { JSDOM, VirtualConsole } from 'jsdom';
import { analyzeDocument } from '../../lib/page/placement/index';
import { MAIN } from '../../lib/page/placement/combine';
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
    const a = await analyzeDocument(doc, () => undefined);
    const anchors = [...doc.querySelectorAll('a[href]')];
    const r = a.main.root;
    let mi = 0, bi = 0, m = 0;
    for (const l of page.links) {
      const b = a.page.byEl.get(anchors[l.i]!);
      const inside = !!(r && b && r.order <= b.order && b.order <= r.end);
      if (l.label === 'main') { m++; if (inside) mi++; } else if (l.label === 'boilerplate' && inside) bi++;
    }
    res.push(`${r ? '<' + r.tag + ' ' + r.cls.slice(0, 30) + '>' : '-'} main ${mi}/${m} bp ${bi}`);
    dom.window.close();
  }
  if (res[0] !== res[1]) console.log(id, page.page_type, '|', res[0], '||', res[1]);
}
