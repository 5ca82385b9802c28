/** The work-order timeline: who did what, when, with notes. Oldest first. */
import type { TimelineEntryView } from '../../../server/http/api-types';
import { actorName, describeTimelineEntry, groupTimeline } from '../lib/timeline-text';
import { h, svg } from './dom';
import { icons } from './icons';
import { clockTime, timeAgo } from './relative-time';

const KIND_ICON: Record<TimelineEntryView['kind'], string> = {
  created: icons.sparkle,
  status: icons.pulse,
  comment: icons.comment,
  occurrence: icons.repeat,
  severity: icons.warn,
  outcome: icons.resolved,
  recurrence: icons.repeat,
  priority: icons.flag,
  sla: icons.clockAlert,
  assignment: icons.assigned,
};

export function renderTimeline(entries: readonly TimelineEntryView[]): HTMLElement {
  if (entries.length === 0) return h('p', { class: 'muted', 'data-testid': 'timeline', text: 'Nothing has happened on this order yet.' });
  return h(
    'ol',
    { class: 'timeline', 'data-testid': 'timeline' },
    ...groupTimeline(entries).map(({ entry: e, count, lastAt }) => {
      const t = describeTimelineEntry(e);
      return h(
        'li',
        { class: `tl tl-${e.kind}`, 'data-testid': 'timeline-entry', dataset: { kind: e.kind, to: e.to ?? undefined, count } },
        h('span', { class: 'tl-icon' }, svg(KIND_ICON[e.kind] ?? icons.pulse)),
        h(
          'div',
          { class: 'tl-body' },
          h(
            'p',
            { class: 'tl-line' },
            h('strong', { class: 'tl-actor', text: actorName(e.actor) }),
            ` ${t.action}`,
            count > 1 ? h('span', { class: 'tl-count', text: ` ×${count}` }) : null,
            t.from || t.to
              ? h(
                  'span',
                  { class: 'tl-change' },
                  ' ',
                  t.from ? h('span', { class: 'tl-from', text: t.from }) : null,
                  t.from ? ' → ' : null,
                  t.to ? h('span', { class: 'tl-to', text: t.to }) : null,
                )
              : null,
            t.detail
              ? h('span', { class: 'tl-detail', 'data-testid': e.holdReason ? 'timeline-hold-reason' : undefined, dataset: { reason: e.holdReason ?? undefined } }, ` · ${t.detail}`)
              : null,
          ),
          e.note ? h('p', { class: e.kind === 'comment' ? 'tl-note tl-comment' : 'tl-note', text: e.note }) : null,
          count > 1
            ? h('p', { class: 'tl-time' }, clockTime(e.at), ' – ', clockTime(lastAt), ' · last ', timeAgo(lastAt))
            : h('p', { class: 'tl-time' }, clockTime(e.at), ' · ', timeAgo(e.at)),
        ),
      );
    }),
  );
}
