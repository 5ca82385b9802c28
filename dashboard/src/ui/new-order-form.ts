/**
 * The new-work-order form: kind of work, device (grouped by line), title,
 * details, severity, failure mode, whether the line stops, due time. An
 * emergency says plainly that it means the line is stopped, and ticks (and
 * locks) "stops the line". Checked before it is sent; the server's refusal is shown as it is.
 */
import type { CreateWorkOrderRequest, DeviceView, LineView } from '../../../server/http/api-types';
import { groupDevicesByLine } from '../lib/device-grouping';
import { checkNewOrder, MANUAL_TYPES, TYPE_HINT, TYPE_LABEL, type NewOrderField, type NewOrderForm } from '../lib/new-order';
import { FAILURE_MODE_LABEL, FAILURE_MODES } from '../lib/work-order-outcome';
import { h, svg } from './dom';
import { icons } from './icons';

export interface NewOrderFormOptions {
  devices: readonly DeviceView[];
  lines: readonly LineView[];
  deviceId: string | null;
  submit(request: CreateWorkOrderRequest): Promise<void>;
  cancelHref: string;
}

export function createNewOrderForm(options: NewOrderFormOptions): HTMLFormElement {
  const uid = Math.random().toString(36).slice(2);
  const typeName = `type-${uid}`;
  const sevName = `sev-${uid}`;
  const problems: Partial<Record<NewOrderField, HTMLElement>> = {};
  const field = (key: NewOrderField, label: string, control: HTMLElement, hint?: string) => {
    const problem = h('span', { class: 'field-problem', role: 'alert', hidden: true, 'data-testid': `new-order-problem-${key}` });
    problems[key] = problem;
    return h('label', { class: 'field' }, h('span', { class: 'field-label', text: label }), control, hint ? h('span', { class: 'hint', text: hint }) : null, problem);
  };

  const typeChoices = h(
    'div',
    { class: 'type-choices', role: 'radiogroup', 'aria-label': 'Kind of work' },
    ...MANUAL_TYPES.map((t, i) =>
      h(
        'label',
        { class: `type-choice type-${t}` },
        h('input', { type: 'radio', name: typeName, value: t, checked: i === 0, 'data-testid': `new-order-type-${t}` }),
        h('span', { class: 'type-choice-body' }, h('strong', null, t === 'emergency' ? svg(icons.alarm) : null, TYPE_LABEL[t]), h('span', { class: 'hint', text: TYPE_HINT[t] })),
      ),
    ),
  );
  const typeProblem = h('span', { class: 'field-problem', role: 'alert', hidden: true });
  problems.type = typeProblem;

  const device = h(
    'select',
    { class: 'input', name: 'deviceId', 'data-testid': 'new-order-device' },
    h('option', { value: '', text: 'Choose a device…' }),
    ...groupDevicesByLine(options.devices, options.lines).map((g) =>
      h('optgroup', { label: g.lineName }, ...g.devices.map((d) => h('option', { value: d.id, text: `${d.id} · ${d.name}`, selected: d.id === options.deviceId }))),
    ),
  );
  const title = h('input', { class: 'input', name: 'title', maxlength: 200, placeholder: 'e.g. Coolant leak at the pump seal', 'data-testid': 'new-order-title' });
  const description = h('textarea', { class: 'input', name: 'description', rows: 3, maxlength: 5000, placeholder: 'What you saw, where, since when', 'data-testid': 'new-order-description' });
  const severity = h(
    'div',
    { class: 'segmented', role: 'radiogroup', 'aria-label': 'Severity' },
    ...[
      ['', 'None'],
      ['warn', 'Warn'],
      ['alarm', 'Alarm'],
    ].map(([v, label], i) => h('label', { class: 'segment' }, h('input', { type: 'radio', name: sevName, value: v, checked: i === 0, 'data-testid': `new-order-severity-${v || 'none'}` }), h('span', { text: label! }))),
  );
  const failureMode = h(
    'select',
    { class: 'input', name: 'failureMode', 'data-testid': 'new-order-failure-mode' },
    h('option', { value: '', text: 'Not known' }),
    ...FAILURE_MODES.map((m) => h('option', { value: m, text: FAILURE_MODE_LABEL[m] })),
  );
  const stopsLine = h('input', { type: 'checkbox', name: 'stopsLine', 'data-testid': 'new-order-stops-line' });
  const stopsLineText = h('span', { text: 'The line stands still while this is worked' });
  const due = h('input', { class: 'input', type: 'datetime-local', name: 'due', 'data-testid': 'new-order-due' });
  const emergencyNote = h(
    'p',
    { class: 'emergency-note', role: 'note', 'data-testid': 'new-order-emergency-note', hidden: true },
    svg(icons.lineDown),
    h('span', null, h('strong', { text: 'Emergency means the line is stopped now. ' }), 'The order stops the line: the line map shows it down, and lines it feeds starved, until the order is resolved.'),
  );
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'new-order-error' });
  const submit = h('button', { class: 'btn btn-primary', type: 'submit', 'data-testid': 'new-order-submit' }, svg(icons.plus), 'Create work order');

  const form = h(
    'form',
    { class: 'panel new-order-form', 'data-testid': 'new-order-form', novalidate: true },
    h('div', { class: 'field' }, h('span', { class: 'field-label', text: 'Kind of work' }), typeChoices, typeProblem),
    emergencyNote,
    h(
      'div',
      { class: 'field-grid' },
      h('div', { class: 'span-2' }, field('deviceId', 'Device', device)),
      h('div', { class: 'span-2' }, field('title', 'Title', title)),
      h('div', { class: 'span-2' }, field('description', 'Details (optional)', description)),
      h('div', { class: 'field' }, h('span', { class: 'field-label', text: 'Severity' }), severity),
      field('failureMode', 'Failure mode (optional)', failureMode),
      h('label', { class: 'check span-2' }, stopsLine, stopsLineText),
      field('due', 'Due (optional)', due, 'Your local time'),
    ),
    error,
    h('div', { class: 'form-actions' }, submit, h('a', { class: 'btn btn-secondary', href: options.cancelHref, 'data-testid': 'new-order-cancel' }, 'Cancel')),
  );

  const type = () => form.querySelector<HTMLInputElement>(`input[name="${typeName}"]:checked`)?.value ?? '';
  const syncType = () => {
    const emergency = type() === 'emergency';
    emergencyNote.hidden = !emergency;
    form.dataset.type = type();
    stopsLine.disabled = emergency;
    if (emergency) stopsLine.checked = true;
    stopsLineText.textContent = emergency ? 'The line is stopped (always, for an emergency)' : 'The line stands still while this is worked';
  };
  form.addEventListener('change', (ev) => {
    if ((ev.target as HTMLInputElement).name === typeName) syncType();
  });
  syncType();

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const values: NewOrderForm = {
      type: type(),
      deviceId: device.value,
      title: title.value,
      description: description.value,
      severity: form.querySelector<HTMLInputElement>(`input[name="${sevName}"]:checked`)?.value ?? '',
      failureMode: failureMode.value,
      stopsLine: stopsLine.checked,
      due: due.value,
    };
    const check = checkNewOrder(values, Date.now());
    for (const [key, el] of Object.entries(problems)) {
      const text = check.ok ? undefined : check.problems[key as NewOrderField];
      el.hidden = !text;
      el.textContent = text ?? '';
    }
    error.hidden = true;
    if (!check.ok) {
      form.querySelector<HTMLElement>('.field-problem:not([hidden])')?.closest('.field')?.querySelector<HTMLElement>('input, select, textarea')?.focus();
      return;
    }
    submit.disabled = true;
    submit.classList.add('is-busy');
    try {
      await options.submit(check.request);
    } catch (err) {
      error.hidden = false;
      error.textContent = err instanceof Error ? err.message : String(err);
    } finally {
      submit.disabled = false;
      submit.classList.remove('is-busy');
    }
  });
  return form;
}
