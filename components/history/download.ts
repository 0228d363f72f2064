/** Saves data as a file through a temporary object URL; false where downloads are not available. */
export function download(name: string, type: string, data: string | readonly BlobPart[]): boolean {
  if (typeof URL.createObjectURL !== 'function') return false;
  // A Blob built from many pieces never needs one string as large as the file.
  const url = URL.createObjectURL(new Blob(typeof data === 'string' ? [data] : [...data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}
