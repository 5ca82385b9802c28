/**
 * `#/rules/:id` — tune one rule: edit its fields, replay the candidate and the
 * current rules over stored history (POST /api/backtests) for the devices it
 * applies to, compare the would-be alerts on each device's chart and in the
 * summary, then save with a reason. Read-only for roles without rules.edit.
 */
import type { BacktestRequest, BacktestResultView, DeviceView, TelemetryView } from '../../../server/http/api-types';
import { ApiRequestError, describeError, isAbort, listDevices } from '../api-client';
import { getRule, getTelemetryRange, listEffectiveRules, newestSampleAt, runBacktest } from '../analysis-client';
import { defaultWindow, devicesForRule } from '../lib/backtest-overlay';
import { customWindow, toLocalInput } from '../lib/history-range';
import { candidateRule, editableFields, isThreshold, placeIssues, readDraft, ruleKind, ruleScopeLabel, type RuleLike } from '../lib/rule-editor';
import { href } from '../lib/route';
import { formatDuration } from '../lib/time-format';
import { createBacktestResults, type BacktestResults } from '../ui/backtest-results';
import { h, replaceChildren, svg } from '../ui/dom';
import { icons } from '../ui/icons';
import { METRIC_STYLE } from '../ui/metric-style';
import { createRuleForm, type RuleForm } from '../ui/rule-form';
import { createSavePanel } from '../ui/rule-save-panel';
import { emptyState, errorState, loadingState } from '../ui/states';
import { Disposer, type View, type ViewContext } from './view';

/** A candidate rule as the backtest takes it (the server validates it; other kinds carry more fields). */
type BacktestChange = NonNullable<BacktestRequest['changes']>[number];

/** Charts drawn per backtest; the summary always covers every device replayed. */
const MAX_CHARTS = 8;

export function ruleTuningView(ctx: ViewContext, ruleId: string): View {
  const d = new Disposer();
  ctx.setTitle(`Rule ${ruleId}`);
  const canEdit = ctx.session.can('edit-rules');
  const content = h('div', { class: 'stack' }, loadingState('Loading rule…'));
  const el = h('section', { class: 'page', 'data-testid': 'view-rule', dataset: { ruleId } }, h('a', { class: 'back-link', href: href.rules() }, svg(icons.chevronLeft), 'Rules'), content);

  let rule: RuleLike | null = null;
  let form: RuleForm | null = null;
  let results: BacktestResults | null = null;
  const runController = { current: null as AbortController | null };
  d.add(() => {
    results?.destroy();
    runController.current?.abort();
  });

  const render = (r: RuleLike, devices: DeviceView[], ruleDeviceIds: string[], range: { from: number; to: number }) => {
    rule = r;
    const fields = editableFields(r);
    const generalProblem = h('p', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'rule-general-problem' });
    const showIssues = (issues: ReadonlyArray<{ path: string; message: string }>) => {
      const placed = placeIssues(issues, fields);
      form?.setErrors(placed.byField);
      generalProblem.hidden = placed.general.length === 0;
      generalProblem.textContent = placed.general.join(' · ');
    };
    /** The form's changes, or null after showing what is wrong. */
    const changes = (): Record<string, unknown> | null => {
      const reading = readDraft(rule!, fields, form!.draft());
      form!.setErrors(reading.errors);
      return Object.keys(reading.errors).length ? null : reading.changes;
    };
    form = createRuleForm(r, fields, { readOnly: !canEdit, onInput: () => form?.setErrors({}) });

    const deviceBoxes = ruleDeviceIds.map((id) => {
      const dev = devices.find((x) => x.id === id);
      return h('label', { class: 'device-check' }, h('input', { type: 'checkbox', value: id, checked: true, 'data-testid': `backtest-device-${id}` }), h('span', { class: 'mono', text: id }), dev ? h('span', { class: 'muted', text: dev.name }) : null);
    });
    const fromInput = h('input', { class: 'input', type: 'datetime-local', value: toLocalInput(range.from), 'data-testid': 'backtest-from' });
    const toInput = h('input', { class: 'input', type: 'datetime-local', value: toLocalInput(range.to), 'data-testid': 'backtest-to' });
    const runProblem = h('p', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'backtest-problem' });
    const runButton = h('button', { class: 'btn btn-primary', type: 'button', 'data-testid': 'run-backtest' }, svg(icons.refresh), 'Run backtest');
    const resultsSlot = h(
      'div',
      { class: 'backtest-slot', 'data-testid': 'backtest-slot' },
      emptyState('No backtest yet', canEdit ? 'Edit the limits, pick devices and a range, then run a backtest to compare would-be alerts.' : 'Backtests are for reliability engineers and admins.', icons.pulse),
    );

    const run = async () => {
      const ch = changes();
      if (ch === null) return;
      const ids = deviceBoxes.map((b) => b.querySelector('input')!).filter((i) => i.checked).map((i) => i.value);
      const win = customWindow(fromInput.value, toInput.value);
      runProblem.hidden = true;
      if ('error' in win) return void ((runProblem.hidden = false), (runProblem.textContent = win.error));
      if (ids.length === 0) return void ((runProblem.hidden = false), (runProblem.textContent = 'Pick at least one device.'));
      runController.current?.abort();
      const controller = new AbortController();
      runController.current = controller;
      const started = Date.now();
      const progress = loadingState(`Replaying ${ids.length} device${ids.length === 1 ? '' : 's'} through both rule sets…`);
      progress.dataset.testid = 'backtest-running';
      const elapsed = h('span', { class: 'muted small' });
      progress.append(elapsed);
      const tick = window.setInterval(() => (elapsed.textContent = ` ${formatDuration(Date.now() - started)}`), 1000);
      results?.destroy();
      results = null;
      replaceChildren(resultsSlot, progress);
      runButton.disabled = true;
      const candidate = candidateRule(rule!, ch);
      try {
        const result: BacktestResultView = await runBacktest({ deviceIds: ids, from: win.from, to: win.to, changes: [candidate as BacktestChange] }, controller.signal);
        const shown = result.deviceIds.slice(0, MAX_CHARTS);
        const telemetry = new Map<string, TelemetryView>(
          await Promise.all(shown.map(async (id) => [id, await getTelemetryRange(id, { from: result.from, to: result.to }, controller.signal)] as const)),
        );
        results = createBacktestResults(result, rule!, candidate, telemetry);
        replaceChildren(
          resultsSlot,
          results.el,
          result.deviceIds.length > shown.length ? h('p', { class: 'muted small', text: `Charts show the first ${shown.length} of ${result.deviceIds.length} devices; the summary covers all.` }) : null,
        );
      } catch (err) {
        if (isAbort(err)) return;
        if (err instanceof ApiRequestError && err.status === 400 && err.issues.length) showIssues(err.issues);
        replaceChildren(resultsSlot, errorState(describeError(err), () => void run()));
      } finally {
        window.clearInterval(tick);
        runButton.disabled = false;
      }
    };
    runButton.addEventListener('click', () => void run());

    const header = h(
      'header',
      { class: 'panel rule-header', 'data-testid': 'rule-header' },
      h('div', { class: 'wo-header-top' }, h('span', { class: 'chip', 'data-testid': 'rule-kind', text: ruleKind(r) }), h('span', { class: 'mono muted', text: r.id }), r.enabled === false ? h('span', { class: 'chip chip-off', text: 'switched off' }) : null),
      h('h1', { class: 'wo-title', text: `${METRIC_STYLE[r.metric]?.label ?? r.metric} ${r.direction === 'below' ? 'falling below' : 'rising above'} its limits` }),
      h(
        'p',
        { class: 'muted' },
        `${ruleScopeLabel(r)} · failure mode ${r.failureMode} · `,
        h('span', { 'data-testid': 'rule-version', text: `version ${r.version}` }),
        ` · last saved by ${r.updatedBy}`,
      ),
    );
    const editPanel = h(
      'section',
      { class: 'panel', 'data-testid': 'rule-edit-panel' },
      h('header', { class: 'panel-head' }, h('h2', { text: canEdit ? 'Candidate' : 'Settings' }), canEdit ? null : h('span', { class: 'panel-head-aside', text: 'Read-only: tuning needs the reliability engineer or admin role' })),
      h('div', { class: 'panel-body panel-pad' }, isThreshold(r) ? null : h('p', { class: 'hint', text: `A ${ruleKind(r)} rule: its numeric parameters are listed as they are stored.` }), form.el, generalProblem),
    );
    const backtestPanel = canEdit
      ? h(
          'section',
          { class: 'panel', 'data-testid': 'backtest-panel' },
          h('header', { class: 'panel-head' }, h('h2', { text: 'Backtest against history' })),
          h(
            'div',
            { class: 'panel-body panel-pad' },
            h('div', { class: 'field' }, h('span', { class: 'field-label', text: `Devices (${ruleDeviceIds.length} use this rule)` }), ruleDeviceIds.length ? h('div', { class: 'device-checks' }, ...deviceBoxes) : h('p', { class: 'hint', text: 'No device uses this rule right now.' })),
            h('div', { class: 'field-grid' }, h('label', { class: 'field' }, h('span', { class: 'field-label', text: 'From' }), fromInput), h('label', { class: 'field' }, h('span', { class: 'field-label', text: 'To' }), toInput)),
            runProblem,
            h('div', { class: 'form-actions' }, runButton),
          ),
        )
      : null;
    const savePanel = canEdit
      ? createSavePanel({
          base: () => rule!,
          changes,
          onSaved: (saved) => {
            rule = saved;
            form?.reset(saved);
            header.querySelector('[data-testid="rule-version"]')!.textContent = `version ${saved.version}`;
          },
          onFieldErrors: showIssues,
          reload: () => void load(true),
        })
      : null;

    replaceChildren(content, header, h('div', { class: 'tuning-grid' }, h('div', { class: 'tuning-col' }, editPanel, savePanel), backtestPanel), resultsSlot);
  };

  const load = async (spinner: boolean) => {
    if (spinner) replaceChildren(content, loadingState('Loading rule…'));
    const signal = d.nextSignal();
    try {
      const [r, devices, effective] = await Promise.all([getRule(ruleId, signal), listDevices(signal), listEffectiveRules(signal)]);
      const ids = devicesForRule(r, effective, devices);
      const newest = ids.length ? Math.max(...(await Promise.all(ids.map((id) => newestSampleAt(id, signal))))) : null;
      ctx.setTitle(`Rule ${r.id}`);
      results?.destroy();
      results = null;
      render(r, devices, ids, defaultWindow(newest, Date.now()));
    } catch (err) {
      if (isAbort(err)) return;
      if (err instanceof ApiRequestError && err.status === 404) replaceChildren(content, emptyState(`No rule "${ruleId}"`, 'It may have been renamed, or the link is wrong.', icons.bell));
      else replaceChildren(content, errorState(describeError(err), () => void load(true)));
    }
  };

  void load(true);
  // A reconnect does not reload the form: that would throw away an edit in progress.
  return { el, refresh: () => undefined, dispose: () => d.dispose() };
}
