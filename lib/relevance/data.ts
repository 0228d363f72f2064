/** Everything a language needs before its texts are compared: IDF table and, for English, vectors. */
import { loadEmbeddings } from './embed';
import { loadIdf } from './idf';

export async function loadLanguageData(lang: string | null): Promise<void> {
  await Promise.all([loadIdf(lang), lang === 'en' ? loadEmbeddings() : undefined]);
}
