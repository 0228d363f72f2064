import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { PageAgent } from '@/lib/page/agent';
import { onMessage, sendMessage } from '@/lib/messaging';
import { isHighlightMode } from '@/lib/protocol';

// The analyser: injected into the page's isolated world on demand by the background
// (lib/background/inspect-tab.ts), never registered on every site. It reads the page (the DOM
// half of the analysis); the background finishes the report.
// A plain (unlisted) script, not a WXT content script: WXT's content-script wrapper announces
// itself to the page (a window.postMessage and a CustomEvent on document naming the extension),
// and a page that hears it can rewrite its links before they are read (issue #13 §1).
export default defineUnlistedScript(() => {
  const agent = new PageAgent(document, (head) => {
    void sendMessage('snapshotUpdated', head).catch(() => undefined);
  });
  onMessage('ping', () => 'pong');
  onMessage('unwatch', () => agent.unwatch());
  onMessage('analyze', ({ data }) => agent.analyze(data));
  onMessage('snapshotPart', ({ data }) => agent.part(data));
  onMessage('showScores', ({ data }) => agent.setScores(data));
  onMessage('reveal', ({ data }) => agent.reveal(data));
  onMessage('highlight', ({ data }) => agent.highlight(isHighlightMode(data?.mode) ? data.mode : 'toggle'));
});
