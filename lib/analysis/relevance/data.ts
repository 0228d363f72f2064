/** Everything a language needs before its texts are compared: IDF table and, where it has them, vectors. */
import { loadVectorsFor, usesEmbeddings } from './embed';
import { loadIdf } from './idf';

export async function loadLanguageData(lang: string | null): Promise<void> {
  await Promise.all([loadIdf(lang), usesEmbeddings(lang) ? loadVectorsFor(lang) : undefined]);
}
