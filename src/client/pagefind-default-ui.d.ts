// The part of Pagefind's default UI (a dependency of Starlight, which ships no types) that site-search.ts uses.
declare module '@pagefind/default-ui' {
  export interface PagefindUIOptions {
    element: HTMLElement | string;
    baseUrl?: string;
    bundlePath?: string;
    showImages?: boolean;
    showSubResults?: boolean;
    translations?: Record<string, unknown>;
    processResult?: (result: never) => unknown;
    [option: string]: unknown;
  }
  export class PagefindUI {
    constructor(options: PagefindUIOptions);
    triggerSearch(term: string): void;
    destroy(): void;
  }
}
