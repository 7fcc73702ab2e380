// Build-time (astro.config.mjs): the code editor's colours, taken from the very
// Shiki themes Expressive Code renders the static blocks with (github-dark /
// github-light) and passed through Expressive Code's own contrast adjustment
// (minSyntaxHighlightingColorContrast, 5.5:1 by default), so that a block looks
// the same before and after it becomes editable, and stays WCAG AA. The page
// receives only the resulting colours (src/client/editor-theme.ts).
import githubDark from '@shikijs/themes/github-dark';
import githubLight from '@shikijs/themes/github-light';
import { ensureColorContrastOnBackground } from '@expressive-code/core';

/** The TextMate scopes the editor's highlight tags stand for (see editor-theme.ts). */
export const EDITOR_SCOPES = [
  'comment',
  'string',
  'constant.numeric',
  'keyword',
  'keyword.operator',
  'storage.type',
  'keyword.control.directive',
  'entity.name.function',
  'entity.name.type',
  'variable',
  'variable.other',
  'invalid.illegal',
] as const;
export type EditorScope = (typeof EDITOR_SCOPES)[number];

export interface EditorPalette {
  dark: boolean;
  background: string;
  foreground: string;
  caret: string;
  selection: string;
  activeLine: string;
  gutter: string;
  activeGutter: string;
  widget: string;
  bracket: string;
  scopes: Record<EditorScope, string>;
}

interface ShikiTheme {
  type?: string;
  colors?: Record<string, string>;
  tokenColors?: Array<{ scope?: string | string[]; settings: { foreground?: string } }>;
}

/** Expressive Code's defaults: tokens at 5.5:1; other text at WCAG AA. */
const MIN_TOKEN_CONTRAST = 5.5;
const MIN_TEXT_CONTRAST = 4.5;

/** The foreground a theme gives a scope: its most specific matching single-scope selector. */
function scopeColour(theme: ShikiTheme, scope: string): string | undefined {
  let best: { len: number; colour: string } | undefined;
  for (const rule of theme.tokenColors ?? []) {
    if (!rule.settings.foreground) continue;
    for (const sel of ([] as string[]).concat(rule.scope ?? [])) {
      if (sel.includes(' ')) continue;
      if ((scope === sel || scope.startsWith(`${sel}.`)) && (!best || sel.length >= best.len)) {
        best = { len: sel.length, colour: rule.settings.foreground };
      }
    }
  }
  return best?.colour;
}

function palette(theme: ShikiTheme): EditorPalette {
  const c = theme.colors ?? {};
  const dark = theme.type === 'dark';
  const background = c['editor.background'] ?? (dark ? '#24292e' : '#ffffff');
  const foreground = ensureColorContrastOnBackground(
    c['editor.foreground'] ?? (dark ? '#e1e4e8' : '#24292e'),
    background,
    MIN_TOKEN_CONTRAST,
  );
  const text = (colour: string | undefined) => ensureColorContrastOnBackground(colour ?? foreground, background, MIN_TEXT_CONTRAST);
  const scopes = Object.fromEntries(
    EDITOR_SCOPES.map((s) => [s, ensureColorContrastOnBackground(scopeColour(theme, s) ?? foreground, background, MIN_TOKEN_CONTRAST)]),
  ) as Record<EditorScope, string>;
  return {
    dark,
    background,
    foreground,
    caret: c['editorCursor.foreground'] ?? foreground,
    selection: c['editor.selectionBackground'] ?? (dark ? '#3392ff44' : '#0366d625'),
    activeLine: c['editor.lineHighlightBackground'] ?? background,
    gutter: text(c['editorLineNumber.foreground']),
    activeGutter: text(c['editorLineNumber.activeForeground']),
    widget: c['editorWidget.background'] ?? background,
    bracket: c['editorBracketMatch.border'] ?? foreground,
    scopes,
  };
}

export function editorPalettes(): Record<'dark' | 'light', EditorPalette> {
  return { dark: palette(githubDark as ShikiTheme), light: palette(githubLight as ShikiTheme) };
}
