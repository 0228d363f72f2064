import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LinkDetails } from '@/components/LinkDetails';
import { LinkActionsContext } from '@/components/link-actions';
import { makeLink } from '../fixtures/surfaces/report';

afterEach(cleanup);

describe('LinkDetails: compare with the target page', () => {
  it('offers to read an external target whose topic is unknown, and passes the link', () => {
    const compareWithTarget = vi.fn();
    const link = makeLink(3, { url: 'https://seeds.example/tomatoes', internal: false, targetRelevance: null });
    render(
      <LinkActionsContext.Provider value={{ compareWithTarget }}>
        <LinkDetails link={link} mine={null} onClose={() => undefined} />
      </LinkActionsContext.Provider>,
    );
    expect(screen.getByText('unknown')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Compare with the target page' }));
    expect(compareWithTarget).toHaveBeenCalledWith(link);
  });

  it('shows a known target relevance and offers nothing for internal or non-http links', () => {
    const compareWithTarget = vi.fn();
    const wrap = (link: ReturnType<typeof makeLink>) =>
      render(
        <LinkActionsContext.Provider value={{ compareWithTarget }}>
          <LinkDetails link={link} mine={null} onClose={() => undefined} />
        </LinkActionsContext.Provider>,
      );
    wrap(makeLink(1, { targetRelevance: 0.82 }));
    expect(screen.queryByRole('button', { name: 'Compare with the target page' })).toBeNull();
    cleanup();
    wrap(makeLink(2, { internal: true, targetRelevance: null }));
    expect(screen.queryByRole('button', { name: 'Compare with the target page' })).toBeNull();
    cleanup();
    wrap(makeLink(4, { url: null, href: 'javascript:alert(1)', kind: 'javascript', targetRelevance: null }));
    expect(screen.queryByRole('button', { name: 'Compare with the target page' })).toBeNull();
  });
});
