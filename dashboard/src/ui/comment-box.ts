/** Adds a comment to a work order; Ctrl/⌘+Enter sends. Keeps the draft across live refreshes. */
import { commentOnWorkOrder, describeError } from '../api-client';
import { h } from './dom';

export function createCommentBox(getOrderId: () => number | null, onDone: () => void): HTMLElement {
  const text = h('textarea', {
    class: 'input',
    rows: 3,
    maxlength: 4000,
    placeholder: 'Add a comment: what you saw, measured or need…',
    'aria-label': 'Comment',
    'data-testid': 'comment-input',
  });
  const send = h('button', { class: 'btn btn-secondary', type: 'submit', disabled: true, 'data-testid': 'comment-submit' }, 'Comment');
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'comment-error' });
  const form = h(
    'form',
    { class: 'comment-box', 'data-testid': 'comment-form' },
    text,
    h('div', { class: 'comment-row' }, h('span', { class: 'hint', text: 'Ctrl + Enter to send' }), send),
    error,
  );

  const sync = () => (send.disabled = text.value.trim() === '');
  text.addEventListener('input', sync);
  text.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
      ev.preventDefault();
      form.requestSubmit();
    }
  });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const id = getOrderId();
    const body = text.value.trim();
    if (id === null || !body) return;
    send.disabled = true;
    text.disabled = true;
    error.hidden = true;
    try {
      await commentOnWorkOrder(id, body);
      text.value = '';
      onDone();
    } catch (err) {
      error.hidden = false;
      error.textContent = describeError(err);
    } finally {
      text.disabled = false;
      sync();
    }
  });
  return form;
}
