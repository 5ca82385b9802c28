/**
 * Who works the order: the assignee, what the work requires, the ranked
 * candidates with their reasons (on shift, skills, workload) and the people
 * who cannot take it, greyed, with why. Planners and admins get Assign per
 * candidate and Auto-assign (the top candidate); everyone else reads.
 */
import type { AssignmentCandidatesView, AssignmentCandidateView, AssignRequest, ExcludedTechnicianView } from '../../../server/http/api-types';
import { describeError, isAbort, type WorkOrderDetail } from '../api-client';
import { assignWorkOrder, getAssignmentCandidates, summarizeCandidate } from '../lib/assignment';
import '../styles/assignment.css';
import { h, replaceChildren, svg } from './dom';
import { icons } from './icons';

export interface AssignPanel {
  el: HTMLElement;
  update(wo: WorkOrderDetail, canAssign: boolean): void;
  destroy(): void;
}

const FINISHED = ['closed', 'cancelled'];

export function createAssignPanel(onChanged: () => void): AssignPanel {
  const assigneeSlot = h('span', { class: 'panel-head-aside', 'data-testid': 'assignee' });
  const requirements = h('p', { class: 'assign-requirements muted', 'data-testid': 'assign-requirements' });
  const actions = h('div', { class: 'form-actions assign-actions' });
  const list = h('ol', { class: 'assign-candidates', 'data-testid': 'assign-candidates' });
  const excluded = h('ul', { class: 'assign-excluded', 'data-testid': 'assign-excluded' });
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'assign-error' });
  const el = h(
    'section',
    { class: 'panel assign-panel', 'data-testid': 'assign-panel' },
    h('header', { class: 'panel-head' }, svg(icons.assigned), h('h2', { text: 'Assignment' }), assigneeSlot),
    requirements,
    actions,
    list,
    excluded,
    error,
  );

  let order: WorkOrderDetail | null = null;
  let allowed = false;
  let loadedFor = '';
  let controller: AbortController | null = null;

  const showError = (text: string | null) => {
    error.hidden = text === null;
    error.textContent = text ?? '';
  };

  const run = async (button: HTMLButtonElement, body: AssignRequest) => {
    if (!order) return;
    const id = order.id;
    el.querySelectorAll('button').forEach((b) => (b.disabled = true));
    button.classList.add('is-busy');
    showError(null);
    try {
      await assignWorkOrder(id, body);
      onChanged();
    } catch (err) {
      showError(describeError(err));
    } finally {
      el.querySelectorAll('button').forEach((b) => (b.disabled = false));
      button.classList.remove('is-busy');
    }
  };

  const candidateItem = (c: AssignmentCandidateView, rank: number, current: string | null, now: number): HTMLElement => {
    const s = summarizeCandidate(c, now);
    const isCurrent = c.technician.id === current;
    const assign: HTMLButtonElement | null =
      allowed && !isCurrent ? h('button', { class: 'btn btn-secondary btn-small', type: 'button', 'data-testid': 'assign-candidate', text: 'Assign' }) : null;
    assign?.addEventListener('click', () => void run(assign, { technicianId: c.technician.id }));
    return h(
      'li',
      { class: `assign-candidate${isCurrent ? ' is-current' : ''}`, 'data-testid': 'candidate', dataset: { id: c.technician.id } },
      h(
        'div',
        { class: 'assign-row' },
        h('span', { class: 'assign-rank mono', text: `${rank}` }),
        h('strong', { class: 'assign-name', text: c.technician.name }),
        isCurrent ? h('span', { class: 'tag', text: 'assigned' }) : null,
        h('span', { class: 'assign-score mono', title: 'Score: skills + availability − workload', text: `${c.score}` }),
        assign,
      ),
      h(
        'div',
        { class: 'row-tags' },
        h('span', { class: `tag shift-${s.shiftTone}` }, svg(icons.clock), s.shift),
        h('span', { class: 'tag' }, s.skills),
        h('span', { class: 'tag' }, s.load),
        ...c.notes.map((n) => h('span', { class: 'tag tag-warn', text: n })),
      ),
      h('ul', { class: 'assign-reasons' }, ...c.breakdown.map((l) => h('li', { text: `${l.points > 0 ? '+' : ''}${l.points} ${l.reason}` }))),
    );
  };

  const excludedItem = (x: ExcludedTechnicianView): HTMLElement =>
    h('li', { class: 'assign-out', 'data-testid': 'excluded', dataset: { id: x.technician.id } }, h('span', { class: 'assign-name', text: x.technician.name }), h('span', { class: 'assign-why', text: x.reasons.join('; ') }));

  const render = (view: AssignmentCandidatesView | null) => {
    if (!order) return;
    const o = order;
    const finished = FINISHED.includes(o.status);
    replaceChildren(assigneeSlot, o.assignee ? h('span', { class: 'chip', text: o.assignee.name }) : h('span', { class: 'muted', text: 'Unassigned' }));
    const certs = o.requiredCertifications.length ? o.requiredCertifications.join(', ') : 'no certification';
    const skills = o.requiredSkills.length ? o.requiredSkills.join(', ') : 'no particular skills';
    requirements.textContent = `Requires ${certs}; calls for ${skills}.`;
    const auto: HTMLButtonElement | null =
      allowed && !finished && view && view.candidates.length > 0
        ? h('button', { class: 'btn btn-primary', type: 'button', 'data-testid': 'assign-auto', text: o.assignee ? 'Reassign to top candidate' : 'Auto-assign' })
        : null;
    auto?.addEventListener('click', () => void run(auto, { auto: true }));
    replaceChildren(actions, auto);
    actions.hidden = !auto;
    if (finished || !view) {
      list.replaceChildren();
      excluded.replaceChildren();
      return;
    }
    const now = view.evaluatedAt;
    replaceChildren(
      list,
      view.candidates.length
        ? view.candidates.map((c, i) => candidateItem(c, i + 1, o.assignee?.id ?? null, now))
        : h('li', { class: 'muted', text: 'Nobody at this site can take it: see why below.' }),
    );
    replaceChildren(excluded, view.excluded.map(excludedItem));
    excluded.hidden = view.excluded.length === 0;
  };

  const load = async () => {
    if (!order) return;
    controller?.abort();
    controller = new AbortController();
    try {
      render(await getAssignmentCandidates(order.id, controller.signal));
    } catch (err) {
      if (!isAbort(err)) showError(describeError(err));
    }
  };

  return {
    el,
    update(wo, canAssign) {
      order = wo;
      allowed = canAssign;
      const key = `${wo.id}:${wo.updatedAt}:${canAssign}`;
      if (key === loadedFor) return;
      loadedFor = key;
      render(null);
      if (!FINISHED.includes(wo.status)) void load();
    },
    destroy() {
      controller?.abort();
    },
  };
}
