import { describe, expect, it } from 'vitest';
import { formatBytes } from '@/components/history/format';

describe('formatBytes', () => {
  it('never shows more than three digits before the unit', () => {
    expect(formatBytes(500)).toBe('1 KB');
    expect(formatBytes(999 * 1024)).toBe('999 KB');
    // 1,001 KB was shown as such (the storage line of the options page).
    expect(formatBytes(1001 * 1024)).toBe('1.0 MB');
    expect(formatBytes(999.9 * 1024 ** 2)).toBe('999.9 MB');
    expect(formatBytes(1000 * 1024 ** 2)).toBe('1.0 GB');
  });
});
