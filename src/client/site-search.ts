// The header's search (src/components/Search.astro, overriding Starlight's): the same dialog and
// shortcuts as Starlight's, but Starlight's search UI (Pagefind's, ~27 KiB gzip) is loaded at the
// first sign that the learner wants it (pointing at or focusing the button, pressing it, Ctrl+K)
// rather than whenever the page goes idle, so that it does not weigh on every lesson read
// without searching. Keys typed in the dialog before the UI is there are kept and searched.
import type { PagefindUIOptions } from '@pagefind/default-ui';

type Result = { url: string; sub_results: Array<{ url: string }> };

class SiteSearch extends HTMLElement {
  constructor() {
    super();
    const openBtn = this.querySelector<HTMLButtonElement>('button[data-open-modal]')!;
    const closeBtn = this.querySelector<HTMLButtonElement>('button[data-close-modal]')!;
    const dialog = this.querySelector('dialog')!;
    const dialogFrame = this.querySelector('.dialog-frame')!;
    const mount = this.querySelector<HTMLElement>('#starlight__search');

    /** Close the modal if a user clicks on a link or outside of the modal. */
    const onClick = (event: MouseEvent) => {
      const isLink = 'href' in (event.target || {});
      if (isLink || (document.body.contains(event.target as Node) && !dialogFrame.contains(event.target as Node))) {
        closeModal();
      }
    };

    // What was typed in the open dialog before the search input existed.
    let pending = '';
    let ready = false;
    let loading: Promise<void> | null = null;
    const load = (): Promise<void> => {
      // No index in `astro dev`: the dialog says so instead (Search.astro), as Starlight's does.
      if (!mount || import.meta.env.DEV) {
        ready = true;
        return Promise.resolve();
      }
      loading ??= import('@pagefind/default-ui').then(
        ({ PagefindUI }) => {
          const ui = new PagefindUI(this.options(mount));
          ready = true;
          if (!dialog.open) return;
          const input = this.querySelector('input');
          input?.focus();
          if (pending) ui.triggerSearch(pending);
          pending = '';
        },
        (err: unknown) => {
          loading = null; // the next intent tries again
          throw err;
        },
      );
      return loading;
    };

    const openModal = (event?: MouseEvent) => {
      dialog.showModal();
      document.body.toggleAttribute('data-search-modal-open', true);
      this.querySelector('input')?.focus();
      event?.stopPropagation();
      window.addEventListener('click', onClick);
      void load();
    };

    const closeModal = () => dialog.close();

    // Intent: the search code starts loading before the click lands.
    for (const type of ['pointerenter', 'focus', 'touchstart'] as const) {
      openBtn.addEventListener(type, () => void load(), { once: true, passive: true });
    }
    openBtn.addEventListener('click', openModal);
    openBtn.disabled = false;
    closeBtn.addEventListener('click', closeModal);

    dialog.addEventListener('close', () => {
      document.body.toggleAttribute('data-search-modal-open', false);
      window.removeEventListener('click', onClick);
      pending = '';
    });

    dialog.addEventListener('keydown', (e) => {
      if (ready || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
      if (e.key === ' ' && (e.target as Element).closest('button')) return; // Space presses «Cancelar»
      if (e.key === 'Backspace') pending = pending.slice(0, -1);
      else if (e.key.length === 1) pending += e.key;
      else return;
      e.preventDefault();
    });

    // Listen for `ctrl + k` and `cmd + k` keyboard shortcuts.
    window.addEventListener('keydown', (e) => {
      if ((e.metaKey === true || e.ctrlKey === true) && e.key === 'k') {
        if (dialog.open) closeModal();
        else openModal();
        e.preventDefault();
      }
    });
  }

  /** Starlight's options for Pagefind's UI (its Search.astro), with the site's config and translations. */
  private options(element: HTMLElement): PagefindUIOptions {
    const parse = (json: string | undefined) => {
      try {
        return JSON.parse(json || '{}') as Record<string, unknown>;
      } catch {
        return {};
      }
    };
    const shouldStrip = this.dataset.stripTrailingSlash !== undefined;
    const stripTrailingSlash = (path: string) => path.replace(/(.)\/(#.*)?$/, '$1$2');
    const formatURL = shouldStrip ? stripTrailingSlash : (path: string) => path;
    return {
      ...parse(this.dataset.pagefindConfig),
      element,
      baseUrl: import.meta.env.BASE_URL,
      bundlePath: import.meta.env.BASE_URL.replace(/\/$/, '') + '/pagefind/',
      showImages: false,
      translations: parse(this.dataset.translations),
      showSubResults: true,
      processResult: (result: Result) => {
        result.url = formatURL(result.url);
        result.sub_results = result.sub_results.map((sub) => {
          sub.url = formatURL(sub.url);
          return sub;
        });
      },
    };
  }
}
customElements.define('site-search', SiteSearch);
