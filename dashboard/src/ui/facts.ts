/** Label/value pairs in a header (`<dl class="facts">`). */
import { h } from './dom';

export function fact(label: string, value: HTMLElement | string): HTMLElement {
  return h('div', { class: 'fact' }, h('dt', { text: label }), typeof value === 'string' ? h('dd', { text: value }) : h('dd', null, value));
}
