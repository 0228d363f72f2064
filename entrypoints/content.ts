import { analyzePage } from '@/lib/analyze';
import { onMessage, sendMessage } from '@/lib/messaging';
import { watchPage } from '@/lib/watch';

export default defineContentScript({
  matches: ['<all_urls>'],
  registration: 'runtime',
  main() {
    let stopWatching: (() => void) | null = null;
    onMessage('ping', () => 'pong');
    onMessage('unwatch', () => {
      stopWatching?.();
      stopWatching = null;
    });
    onMessage('analyze', async ({ data }) => {
      const report = await analyzePage(document, {
        requestedUrl: typeof data?.requestedUrl === 'string' ? data.requestedUrl : undefined,
      });
      if (data?.watch === true && !stopWatching) {
        stopWatching = watchPage(document, async () => {
          const updated = await analyzePage(document);
          await sendMessage('reportUpdated', updated).catch(() => undefined);
        });
      }
      return report;
    });
  },
});
