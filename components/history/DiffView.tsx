/** The changes between two inspections; lost or devalued backlinks to my domains come first. */
import type { Devaluation, DiffLink, InspectionDiff, LinkChange } from '@/lib/history/diff';
import { num, t } from '../i18n';
import { relText, shortTarget } from './format';

function LinkLabel({ link }: { link: DiffLink }) {
  return (
    <>
      <span class="history-target" title={link.url ?? link.href}>
        {shortTarget(link)}
      </span>{' '}
      {link.text ? <q class="history-anchor">{link.text}</q> : <span class="muted">{t('table.noText')}</span>}
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
  return <DiffGroup {...props} row={(l) => ({ key: l.index, link: l, mine: props.mine.has(l), what: `${t(`placement.${l.placement}`)}, ${relText(l.rel)}` })} />;
}

/** One reason a backlink lost value, in the UI language. */
export function devaluationText(d: Devaluation): string {
  switch (d.kind) {
    case 'became':
      return t('history.diff.became', [d.rels.join(' + ')]);
    case 'unfollowed':
      return t('history.diff.unfollowed');
    case 'moved':
      return t('history.diff.moved', [t(`placement.${d.from}`), t(`placement.${d.to}`)]);
    case 'score':
      return t('history.diff.scoreFell', [num(d.from), num(d.to)]);
  }
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
            {t(mine.devalued.length ? 'history.diff.alarmDevalued' : 'history.diff.alarmLost', alarming, [num(alarming)])}
          </h3>
          <ul>
            {mine.lost.map((m) => (
              <li key={`lost-${m.link.index}`} data-kind="lost">
                <strong>{t('history.diff.lost')}</strong> <LinkLabel link={m.link} />{' '}
                <span class="muted">{t('history.diff.where', [t(`placement.${m.link.placement}`), relText(m.link.rel)])}</span>
              </li>
            ))}
            {mine.devalued.map((m) => (
              <li key={`dev-${m.after.index}`} data-kind="devalued">
                <strong>{t('history.diff.devalued')}</strong> <LinkLabel link={m.after} /> — {m.why.map(devaluationText).join('; ')}
              </li>
            ))}
          </ul>
        </div>
      )}
      {hasMyDomains && mine.gained.length > 0 && (
        <p class="history-good" role="status">
          {t('history.diff.gainedMine', mine.gained.length, [num(mine.gained.length)])}
        </p>
      )}
      <LinkList id="gained" title={t('history.diff.gained')} items={diff.gained} mine={mineSet} />
      <LinkList id="lost" title={t('history.diff.lostGroup')} items={diff.lost} mine={mineSet} />
      <ChangeList id="rel" title={t('history.diff.rel')} items={diff.relChanged} describe={(c) => `${relText(c.before.rel)} → ${relText(c.after.rel)}`} />
      <ChangeList
        id="placement"
        title={t('history.diff.placement')}
        items={diff.placementChanged}
        describe={(c) => `${t(`placement.${c.before.placement}`)} → ${t(`placement.${c.after.placement}`)}`}
      />
      <ChangeList id="text" title={t('history.diff.text')} items={diff.textChanged} describe={(c) => t('history.diff.was', [c.before.text])} />
    </div>
  );
}
