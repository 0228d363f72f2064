import { PageAgent } from '@/lib/page/agent';
import { onMessage, sendMessage } from '@/lib/messaging';
import { isHighlightMode } from '@/lib/protocol';

// Injected on demand by the background (lib/background/inspect-tab.ts); never registered on every site.
// It reads the page (the DOM half of the analysis); the background finishes the report.
export default defineContentScript({
  matches: ['<all_urls>'],
  registration: 'runtime',
  main() {
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
  },
});
