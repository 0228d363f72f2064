/** The changes between two inspections; lost or devalued backlinks to my domains come first. */
import type { DiffLink, InspectionDiff, LinkChange } from '@/lib/history/diff';
import { relText, shortTarget } from './format';

function LinkLabel({ link }: { link: DiffLink }) {
  return (
    <>
      <span class="history-target" title={link.url ?? link.href}>
        {shortTarget(link)}
      </span>{' '}
      {link.text ? <q class="history-anchor">{link.text}</q> : <span class="muted">(no text)</span>}
    </>
  );
}

/** One collapsible group of the diff: a link label and what happened to it, per item. */
function DiffGroup<T>(props: { id: string; title: string; items: T[]; row: (item: T) => { key: string | number; link: DiffLink; mine: boolean; what: string } }) {
  if (!props.items.length) return null;
  return (
    <details class="history-diff-group" open={props.items.length <= 10} data-group={props.id}>
      <summary>
        {props.title} ({props.items.length})
      </summary>
      <ul>
        {props.items.map((item) => {
          const r = props.row(item);
          return (
            <li key={r.key} class={r.mine ? 'history-mine' : undefined}>
              <LinkLabel link={r.link} /> <span class="history-change">{r.what}</span>
            </li>
          );
        })}
      </ul>
    </details>
  );
}

function ChangeList<L extends DiffLink>(props: { id: string; title: string; items: LinkChange<L>[]; describe: (c: LinkChange<L>) => string }) {
  return <DiffGroup {...props} row={(c) => ({ key: `${c.before.index}-${c.after.index}`, link: c.after, mine: !!c.myDomain, what: props.describe(c) })} />;
}

function LinkList<L extends DiffLink>(props: { id: string; title: string; items: L[]; mine: Set<L> }) {
  return <DiffGroup {...props} row={(l) => ({ key: l.index, link: l, mine: props.mine.has(l), what: `${l.placement}, ${relText(l.rel)}` })} />;
}

export function DiffView<L extends DiffLink>({ diff, hasMyDomains }: { diff: InspectionDiff<L>; hasMyDomains: boolean }) {
  const { mine } = diff;
  const alarming = mine.lost.length + mine.devalued.length;
  const mineSet = new Set<L>([...mine.lost.map((m) => m.link), ...mine.gained.map((m) => m.link)]);
  return (
    <div class="history-diff">
      {hasMyDomains && alarming > 0 && (
        <div class="history-alert" role="alert" aria-labelledby="history-alert-title">
          <h3 id="history-alert-title">
            {alarming} backlink{alarming === 1 ? '' : 's'} to your domains {mine.lost.length && !mine.devalued.length ? 'lost' : 'lost or devalued'}
          </h3>
          <ul>
            {mine.lost.map((m) => (
              <li key={`lost-${m.link.index}`} data-kind="lost">
                <strong>Lost:</strong> <LinkLabel link={m.link} /> <span class="muted">({m.link.placement}, {relText(m.link.rel)})</span>
              </li>
            ))}
            {mine.devalued.map((m) => (
              <li key={`dev-${m.after.index}`} data-kind="devalued">
                <strong>Devalued:</strong> <LinkLabel link={m.after} /> — {m.reasons.join('; ')}
              </li>
            ))}
          </ul>
        </div>
      )}
      {hasMyDomains && mine.gained.length > 0 && (
        <p class="history-good" role="status">
          {mine.gained.length} new backlink{mine.gained.length === 1 ? '' : 's'} to your domains.
        </p>
      )}
      <LinkList id="gained" title="Links gained" items={diff.gained} mine={mineSet} />
      <LinkList id="lost" title="Links lost" items={diff.lost} mine={mineSet} />
      <ChangeList id="rel" title="rel changed" items={diff.relChanged} describe={(c) => `${relText(c.before.rel)} → ${relText(c.after.rel)}`} />
      <ChangeList
        id="placement"
        title="Placement changed"
        items={diff.placementChanged}
        describe={(c) => `${c.before.placement} → ${c.after.placement}`}
      />
      <ChangeList id="text" title="Anchor text changed" items={diff.textChanged} describe={(c) => `was “${c.before.text}”`} />
    </div>
  );
}
