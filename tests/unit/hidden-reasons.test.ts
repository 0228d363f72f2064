/**
 * hiddenReason is a closed set (lib/report.ts HIDDEN_REASONS): the score matches on its wording, so
 * every reason the layout stage can give must be in it, and the score's "deceptive" ones too.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DECEPTIVE_HIDING, HIDDEN_REASONS } from '@/lib/report';

const layout = readFileSync(resolve(import.meta.dirname, '../../lib/page/layout.ts'), 'utf8');

describe('hidden reasons', () => {
  it('every reason the layout stage returns is in the closed set', () => {
    // Quoted strings the layout stage returns or assigns as a reason.
    const given = [...layout.matchAll(/(?:return|\?\?|reason:)\s*'([^']+)'/g)].map((m) => m[1]!);
    expect(given.length).toBeGreaterThan(8);
    for (const r of given) expect(HIDDEN_REASONS).toContain(r);
  });

  it('the deceptive ones are reasons too', () => {
    for (const r of DECEPTIVE_HIDING) expect(HIDDEN_REASONS).toContain(r);
  });
});
