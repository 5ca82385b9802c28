/** Top-bar badge: who is signed in (name and role, from the token) and Sign out. */
import { initials } from '../lib/actor';
import { ROLE_LABEL, type Me } from '../lib/permissions';
import { h, svg } from './dom';
import { icons } from './icons';

export function createSessionBadge(me: Me, onSignOut: () => void): HTMLElement {
  const title = `Signed in as ${me.name} (${ROLE_LABEL[me.role]})${me.can ? `: ${me.can}` : ''}`;
  return h(
    'div',
    { class: 'session', 'data-testid': 'signed-in', dataset: { role: me.role }, title },
    h('span', { class: 'avatar', 'aria-hidden': 'true', text: initials(me.name) }),
    h('span', { class: 'session-who' }, h('span', { class: 'session-name', 'data-testid': 'signed-in-name', text: me.name }), h('span', { class: 'session-role', text: ROLE_LABEL[me.role] })),
    h(
      'button',
      { class: 'btn-icon', type: 'button', title: 'Sign out (forget the access token on this browser)', 'aria-label': 'Sign out', 'data-testid': 'sign-out', on: { click: onSignOut } },
      svg(icons.logout),
      h('span', { class: 'sign-out-text', text: 'Sign out' }),
    ),
  );
}
