/** Top-bar control: who you are. Click to set or change the name sent with your actions. */
import { getActor, onActorChange, setActor } from '../actor-store';
import { initials } from '../lib/actor';
import { h, svg } from './dom';
import { icons } from './icons';

export function createActorControl(): HTMLElement {
  const el = h('div', { class: 'actor', 'data-testid': 'actor' });

  const showButton = (name: string | null) => {
    const button = h(
      'button',
      {
        class: `actor-button${name ? '' : ' is-unset'}`,
        type: 'button',
        title: name ? `Acting as ${name}. Click to change.` : 'Set your name so the timeline shows who did what',
        'data-testid': 'actor-button',
      },
      name ? h('span', { class: 'avatar', 'aria-hidden': 'true', text: initials(name) }) : svg(icons.assigned),
      h('span', { class: 'actor-name', text: name ?? 'Set your name' }),
    );
    button.addEventListener('click', showInput);
    el.replaceChildren(button);
  };

  const showInput = () => {
    const input = h('input', {
      class: 'input actor-input',
      value: getActor() ?? '',
      placeholder: 'Your name',
      maxlength: 120,
      'aria-label': 'Your name',
      'data-testid': 'actor-input',
    });
    let done = false;
    const finish = (save: boolean) => {
      if (done) return;
      done = true;
      if (save) setActor(input.value);
      else showButton(getActor());
    };
    input.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter') finish(true);
      if (ev.key === 'Escape') finish(false);
    });
    input.addEventListener('blur', () => finish(true));
    el.replaceChildren(input);
    input.focus();
    input.select();
  };

  onActorChange(showButton);
  showButton(getActor());
  return el;
}
