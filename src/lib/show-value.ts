// How map keys and values read to a C programmer: strings quoted, numbers bare,
// one-field structs unwrapped. Shared by the terminal text (server) and the tables (page).
export function showValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 1) return showValue(entries[0][1]);
    return `{ ${entries.map(([k, x]) => `${k}: ${showValue(x)}`).join(', ')} }`;
  }
  return Array.isArray(v) ? `[${v.map(showValue).join(', ')}]` : String(v);
}
