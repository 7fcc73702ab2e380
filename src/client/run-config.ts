// The values of a block's settable globals: one input per variable, rendered by
// the build (src/lib/remark-runnable.ts) from the fence's `config=`. Sent with
// Ejecutar as text; the server checks them (server/runs/run-config.ts).

/** `{name: value}` from the block's inputs, or undefined when it has none. */
export function configValues(block: HTMLElement): Record<string, string> | undefined {
  const inputs = [...block.querySelectorAll<HTMLInputElement>('.run-config input[data-config-name]')];
  if (inputs.length === 0) return undefined;
  return Object.fromEntries(inputs.map((i) => [i.dataset.configName!, i.value]));
}

/** The inputs cannot change a running program: read-only while it runs. */
export function lockConfig(block: HTMLElement, locked: boolean): void {
  for (const i of block.querySelectorAll<HTMLInputElement>('.run-config input[data-config-name]')) i.readOnly = locked;
}
