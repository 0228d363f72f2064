/** Issue 19 §8: many domains pasted at once; the keyboard shortcut shown. */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BulkDomains, ShortcutLine } from '@/components/OptionsExtras';
import { loadMyDomains, saveMyDomain, saveMyDomains } from '@/lib/settings';

afterEach(cleanup);

describe('bulk paste of domains', () => {
  it('adds every valid domain in one write, in the pasted order, and says which lines were refused and why', async () => {
    await saveMyDomain('old.example', 'kept description');
    const set = vi.spyOn(fakeBrowser.storage.sync, 'set');
    const r = await saveMyDomains('https://www.Client.example/shop\nold.example, new.example\n\nco.uk\nnot a domain!\nclient.example');
    expect(r.added).toEqual(['client.example', 'new.example']);
    expect(r.existing).toEqual(['old.example']);
    expect(r.rejected.map((x) => [x.line, x.input])).toEqual([
      [4, 'co.uk'],
      [5, 'not'],
      [5, 'a'],
      [5, 'domain!'],
    ]);
    expect(r.rejected[0]!.error).toMatch(/public suffix/);
    expect(set).toHaveBeenCalledTimes(1);
    expect((await loadMyDomains()).map((d) => [d.domain, d.description])).toEqual([
      ['old.example', 'kept description'],
      ['client.example', ''],
      ['new.example', ''],
    ]);
  });

  it('the form reports the outcome and keeps only what was refused', async () => {
    render(<BulkDomains />);
    const box = screen.getByLabelText(/Add many at once/) as HTMLTextAreaElement;
    fireEvent.input(box, { target: { value: 'a.example\nb.example\nco.uk' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add all' }));
    expect((await screen.findByRole('status')).textContent).toContain('2 added · 0 already listed · 1 not added');
    expect(screen.getByText(/Line 3: “co.uk”/)).toBeTruthy();
    await waitFor(() => expect(box.value).toBe('co.uk'));
  });
});

describe('keyboard shortcut', () => {
  it('shows the shortcut the browser has for opening the popup, or that there is none', async () => {
    fakeBrowser.commands.getAll = vi.fn().mockResolvedValue([{ name: '_execute_action', shortcut: 'Alt+Shift+L' }]) as never;
    render(<ShortcutLine />);
    expect((await screen.findByTestId('shortcut')).textContent).toContain('Keyboard shortcut: Alt+Shift+L');
    cleanup();
    fakeBrowser.commands.getAll = vi.fn().mockResolvedValue([{ name: '_execute_browser_action', shortcut: '' }]) as never;
    render(<ShortcutLine />);
    expect((await screen.findByTestId('shortcut')).textContent).toContain('No keyboard shortcut is set.');
  });
});
