/** Site strength in the UI: the popup header badge, a link's details, the options page's provider keys and credits. */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ProviderStatus } from '@/lib/protocol';
import type { SiteStrength } from '@/lib/report';
import { makeLink } from '../fixtures/surfaces/report';

const sendMessage = vi.fn();
vi.mock('@/lib/messaging', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  sendMessage: (...args: unknown[]) => sendMessage(...args),
  onMessage: () => () => undefined,
}));

const { SiteStrengthBadge } = await import('@/components/SiteStrength');
const { LinkDetails } = await import('@/components/LinkDetails');
const { ProviderKeys } = await import('@/components/ProviderKeys');
const { Credits } = await import('@/components/Credits');

const wiki: SiteStrength = {
  host: 'en.wikipedia.org',
  authority: { value: 93, refSubnets: 199_580, matched: 'en.wikipedia.org', source: 'majestic-million-2026-03' },
  popularity: { rank: 30, bucket: 'top-1k', matched: 'wikipedia.org', source: 'tranco-2026-08-01' },
  providers: [{ provider: 'ahrefs', value: 91, domain: 'wikipedia.org', fetchedAt: '2026-08-02T00:00:00.000Z' }],
};
const small: SiteStrength = { host: 'tiny.example', authority: null, popularity: null, providers: [] };

const status = (provider: ProviderStatus['provider'], over: Partial<ProviderStatus> = {}): ProviderStatus => ({
  provider,
  connected: false,
  keyHint: null,
  state: 'unused',
  code: null,
  message: null,
  at: null,
  ...over,
});

beforeEach(() => {
  sendMessage.mockReset();
});
afterEach(cleanup);

describe('site strength badge (popup header)', () => {
  it('shows authority, popularity and provider values, with the sources on hover', () => {
    render(<SiteStrengthBadge site={wiki} />);
    const badge = screen.getByTestId('site-strength');
    expect(badge.textContent).toBe('Authority 93Top 1k (#30)Domain Rating by Ahrefs 91');
    expect(badge.title).toContain('Authority 93/100 from the Majestic Million (March 2026) for en.wikipedia.org: about 199,580 referring /24 subnets');
    expect(badge.title).toContain('#30 in Tranco (2026-08-01) for wikipedia.org');
  });

  it('says "not in the top N" for a site below the lists, with no number', () => {
    render(<SiteStrengthBadge site={small} />);
    const badge = screen.getByTestId('site-strength');
    expect(badge.textContent).toBe('Not in the top 15,000 by linksNot in the top 50,000 by popularity');
    expect(badge.title).toContain('like most of the web');
  });

  it('shows nothing for reports made before strength existed', () => {
    const { container } = render(<SiteStrengthBadge site={undefined} />);
    expect(container.textContent).toBe('');
  });
});

describe('link details', () => {
  it('show the link value and the target’s strength', () => {
    render(<LinkDetails link={makeLink(1, { url: 'https://en.wikipedia.org/wiki/Tomato', score: 60, linkValue: 55.8, strength: wiki })} mine={null} onClose={() => undefined} />);
    expect(screen.getByText(/link value 55\.8/)).toBeTruthy();
    const line = screen.getByText('Authority 93 · Top 1k (#30) · Domain Rating by Ahrefs 91');
    expect(line.title).toContain('Majestic Million');
  });
});

describe('options: provider keys', () => {
  it('lists the providers with their last outcome', async () => {
    sendMessage.mockResolvedValue([
      status('openpagerank'),
      status('ahrefs', { connected: true, keyHint: '…abcd', state: 'error', code: 'quota', message: 'Ahrefs: quota or rate limit reached (HTTP 429).', at: 1 }),
      status('moz', { connected: true, keyHint: '…wxyz', state: 'ok', message: 'Key works: wikipedia.org has Domain Authority by Moz 96.', at: 1 }),
    ]);
    render(<ProviderKeys />);
    expect((await screen.findByRole('alert')).textContent).toContain('quota or rate limit reached');
    expect(screen.getByText(/Key works: wikipedia.org has Domain Authority by Moz 96/)).toBeTruthy();
    expect(screen.getByText('Connected (key …abcd).')).toBeTruthy();
    expect(screen.getByLabelText('Open PageRank API key')).toBeTruthy();
    expect(sendMessage).toHaveBeenCalledWith('providerStatuses', undefined);
  });

  it('asks for the API’s host permission first, then sends the key to the background', async () => {
    sendMessage.mockImplementation(async (type: string, data: { provider: string; key: string }) => {
      if (type === 'providerStatuses') return [status('openpagerank'), status('ahrefs'), status('moz')];
      if (type === 'connectProvider') return status('ahrefs', { connected: true, keyHint: '…1234', state: 'error', code: 'bad-key', message: 'Ahrefs refused the key (HTTP 401).', at: 1 });
      throw new Error(type);
    });
    const request = vi.fn().mockResolvedValue(true);
    fakeBrowser.permissions.request = request as never;
    render(<ProviderKeys />);
    fireEvent.input(await screen.findByLabelText('Ahrefs API key'), { target: { value: 'wrong-key-1234' } });
    fireEvent.submit(screen.getByLabelText('Ahrefs API key').closest('form')!);
    expect(request).toHaveBeenCalledWith({ origins: ['https://api.ahrefs.com/*'] });
    expect((await screen.findByRole('alert')).textContent).toContain('Ahrefs refused the key (HTTP 401).');
    expect(sendMessage).toHaveBeenCalledWith('connectProvider', { provider: 'ahrefs', key: 'wrong-key-1234' });
  });

  it('sends nothing when the permission is refused, and says why', async () => {
    sendMessage.mockResolvedValue([status('openpagerank'), status('ahrefs'), status('moz')]);
    fakeBrowser.permissions.request = vi.fn().mockResolvedValue(false) as never;
    render(<ProviderKeys />);
    fireEvent.input(await screen.findByLabelText('Moz API key'), { target: { value: 'some-token-1234' } });
    fireEvent.submit(screen.getByLabelText('Moz API key').closest('form')!);
    expect((await screen.findByRole('alert')).textContent).toBe('Access to https://api.moz.com was not granted, so Moz cannot be asked.');
    expect(sendMessage).not.toHaveBeenCalledWith('connectProvider', expect.anything());
  });

  it('disconnects, and gives the API access back', async () => {
    sendMessage.mockImplementation(async (type: string) =>
      type === 'providerStatuses' ? [status('openpagerank', { connected: true, keyHint: '…1234', state: 'ok' }), status('ahrefs'), status('moz')] : status('openpagerank'),
    );
    fakeBrowser.permissions.contains = vi.fn().mockResolvedValue(false) as never;
    const remove = vi.fn().mockResolvedValue(true);
    fakeBrowser.permissions.remove = remove as never;
    render(<ProviderKeys />);
    fireEvent.click(await screen.findByRole('button', { name: 'Disconnect Open PageRank' }));
    await waitFor(() => expect(remove).toHaveBeenCalledWith({ origins: ['https://openpagerank.com/*'] }));
    expect(sendMessage).toHaveBeenCalledWith('disconnectProvider', { provider: 'openpagerank' });
    expect(await screen.findByLabelText('Open PageRank API key')).toBeTruthy();
  });
});

describe('options: credits', () => {
  it('credit both lists as they ask', () => {
    render(<Credits />);
    const text = screen.getByRole('region', { name: 'Data sources and credits' }).textContent!;
    expect(text).toContain('Majestic Million by Majestic, majestic.com');
    expect(text).toContain('Creative Commons Attribution (CC BY)');
    expect(text).toContain('Le Pochat');
    expect(text).toContain('NDSS 2019');
    expect(text).toContain('tranco-list.eu');
    expect(text).toContain('below the top 15,000 / 50,000');
  });
});
