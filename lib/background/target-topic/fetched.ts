/**
 * The target pages the user asked to compare against, fetched in the background (with the
 * optional host permission for their origin) and kept for the rest of the session; the
 * IndexedDB cache keeps them across sessions.
 */
import { fetchTargetTopic, type TargetTopic, type TopicCache } from './index';
import { idbTopicCache } from './cache';
import { backgroundNet, parseFetched } from '../net/index';

const topics = new Map<string, string>();
let cache: TopicCache | null = null;

export async function fetchTopicFor(url: string): Promise<TargetTopic> {
  cache ??= idbTopicCache();
  const topic = await fetchTargetTopic(url, { net: backgroundNet(), parse: parseFetched, cache });
  if (topic.status === 'ok' && topic.text) topics.set(topic.url, topic.text);
  return topic;
}

/** Fetched topics as `targetTopics` (keyed by URL: they describe that page, not its whole site). */
export function fetchedTopics(): Record<string, string> {
  return Object.fromEntries(topics);
}

/** Tests start from a clean state. */
export function forgetFetchedTopics(): void {
  topics.clear();
  cache = null;
}
