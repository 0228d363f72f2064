/** Options: where the site-strength figures come from, credited as each list asks. */
import { Fragment } from 'preact';
import { LIST_CREDITS, STRENGTH_LISTS } from '@/lib/strength-sources';

export function Credits() {
  return (
    <section aria-labelledby="credits-h">
      <h2 id="credits-h">Data sources and credits</h2>
      <p>
        Authority and popularity come from two public rankings, cut to their top slices and shipped with the extension: a site that is in neither is below the top{' '}
        {STRENGTH_LISTS.authority.top.toLocaleString('en')} / {STRENGTH_LISTS.popularity.top.toLocaleString('en')} — like most of the web — not “weak”.
      </p>
      <dl class="credits">
        {(['authority', 'popularity'] as const).map((k) => (
          <Fragment key={k}>
            <dt>{LIST_CREDITS[k].credit}</dt>
            <dd>
              {LIST_CREDITS[k].what} Licence: {LIST_CREDITS[k].licence}.{' '}
              <a href={LIST_CREDITS[k].url} target="_blank" rel="noopener noreferrer">
                {LIST_CREDITS[k].url.replace('https://', '')}
              </a>
            </dd>
          </Fragment>
        ))}
      </dl>
      <p class="muted">Provider figures are shown with their provider’s name (for example “Domain Rating by Ahrefs”) and belong to that provider.</p>
    </section>
  );
}
