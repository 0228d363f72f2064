import { PageAgent } from '@/components/overlay/page-agent';
import { isHighlightMode, onMessage, sendMessage } from '@/lib/messaging';

// Injected on demand by the background (lib/inspect-tab.ts); never registered on every site.
export default defineContentScript({
  matches: ['<all_urls>'],
  registration: 'runtime',
  main() {
    const agent = new PageAgent(document, (report) => {
      void sendMessage('reportUpdated', report).catch(() => undefined);
    });
    onMessage('ping', () => 'pong');
    onMessage('unwatch', () => agent.unwatch());
    onMessage('analyze', ({ data }) => agent.analyze(data));
    onMessage('reveal', ({ data }) => agent.reveal(data));
    onMessage('highlight', ({ data }) => agent.highlight(isHighlightMode(data?.mode) ? data.mode : 'toggle', data?.targetTopics));
  },
});
