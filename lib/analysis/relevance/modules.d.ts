declare module 'snowball-stemmers' {
  const snowball: { newStemmer(algorithm: string): { stem(word: string): string }; algorithms(): string[] };
  export default snowball;
}
declare module 'stopword' {
  export const eng: string[];
  const lists: Record<string, string[]>;
  export default lists;
}
