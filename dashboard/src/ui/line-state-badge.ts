/** A line state as icon + word (+ pattern swatch in CSS), never colour alone. */
import type { LineState } from '../../../server/http/api-types';
import { LINE_STATE_LABEL } from '../lib/line-chain';
import { h, svg } from './dom';
import { icons } from './icons';

export const LINE_STATE_ICON: Record<LineState, string> = {
  running: icons.lineRunning,
  degraded: icons.lineDegraded,
  down: icons.lineDown,
  starved: icons.lineStarved,
  blocked: icons.lineBlocked,
  'no-data': icons.lineNoData,
};

export function lineStateBadge(state: LineState, text: string = LINE_STATE_LABEL[state] ?? state): HTMLElement {
  return h('span', { class: `ls-badge ls-${state}`, dataset: { state } }, h('span', { class: 'ls-swatch', 'aria-hidden': 'true' }), svg(LINE_STATE_ICON[state] ?? icons.line), h('span', { text }));
}
