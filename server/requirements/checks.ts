// The requirements checks: each returns ok / warn / fail, a Spanish
// explanation, and a fix fitted to the detected distribution. They read the
// machine only through a SystemView, so tests run them on fixture trees.
// Each group lives in checks/; this is the list, in the order they are shown.
import type { SystemView } from './system.ts';
import { checkContext, type Check, type CheckGroup } from './checks/context.ts';
import { CONTAINER, containerCheck, environmentCheck } from './checks/environment.ts';
import { bpfLsmChecks, functionTracingChecks, kernelConfigChecks, kernelVersionChecks } from './checks/kernel.ts';
import { privilegeChecks } from './checks/privileges.ts';
import { headerChecks } from './checks/headers.ts';
import { lockdownChecks, mountChecks, sysctlChecks } from './checks/system-settings.ts';
import { toolChecks } from './checks/tools.ts';

export type { Check, Status } from './checks/context.ts';
export { atLeast, parseKernelRelease, readKernelConfig, type KernelVersion } from './checks/kernel-facts.ts';
export { containerCheck } from './checks/environment.ts';

/** After the environment, on Linux only. */
const GROUPS: CheckGroup[] = [
  kernelVersionChecks,
  privilegeChecks,
  headerChecks,
  kernelConfigChecks,
  mountChecks,
  sysctlChecks,
  lockdownChecks,
  functionTracingChecks,
  bpfLsmChecks,
  toolChecks,
];

export async function runChecks(view: SystemView): Promise<Check[]> {
  // The environment goes first: it explains everything else.
  const environment = environmentCheck(view);
  if (view.platform !== 'linux') return [environment];
  const ctx = checkContext(view);
  const checks = [environment];
  for (const group of GROUPS) checks.push(...(await group(ctx)));
  // A container only needs changing if something it controls is missing.
  if (environment.title === CONTAINER) checks[0] = containerCheck(checks.slice(1));
  return checks;
}

/** Everything the lessons need is ok (warnings allowed). */
export function allNeededOk(checks: Check[]): boolean {
  return !checks.some((c) => c.status === 'fail');
}
