/** Caches for fetched target topics: IndexedDB (DB 'target-topics', store 'topics') and in-memory. */
import { openDB, type IDBPDatabase } from 'idb';
import type { TargetTopic, TopicCache } from './index';

export const DB_NAME = 'target-topics';
const STORE = 'topics';

export function idbTopicCache(dbName = DB_NAME): TopicCache {
  let db: Promise<IDBPDatabase> | null = null;
  const open = () =>
    (db ??= openDB(dbName, 1, {
      upgrade(d) {
        if (!d.objectStoreNames.contains(STORE)) d.createObjectStore(STORE, { keyPath: 'url' });
      },
    }));
  return {
    async get(url) {
      return (await (await open()).get(STORE, url)) as TargetTopic | undefined;
    },
    async set(topic) {
      await (await open()).put(STORE, topic);
    },
  };
}

export function memoryTopicCache(): TopicCache & { map: Map<string, TargetTopic> } {
  const map = new Map<string, TargetTopic>();
  return {
    map,
    async get(url) {
      return map.get(url);
    },
    async set(topic) {
      map.set(topic.url, topic);
    },
  };
}
