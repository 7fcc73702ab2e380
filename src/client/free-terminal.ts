// The free terminal page: an interactive shell in the server's work folder.
import { connect, createTerminal } from './terminal.ts';
import { ui } from '../lib/ui-strings.ts';

export async function mountFreeTerminal(root: HTMLElement): Promise<void> {
  const host = document.createElement('div');
  host.className = 'run-terminal free not-content';
  root.append(host);
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'run-btn';
  button.hidden = true;
  button.textContent = ui['free.reopen'];
  root.append(button);
  const { terminal } = createTerminal(host);

  const open = async () => {
    button.hidden = true;
    root.dataset.state = 'running';
    terminal.reset();
    terminal.focus();
    await connect(
      terminal,
      { type: 'shell' },
      {
        onEnd: () => {
          root.dataset.state = 'ended';
          button.hidden = false;
        },
      },
    );
  };
  button.addEventListener('click', () => void open());
  await open();
}
