/* SPDX-License-Identifier: GPL-2.0 */
/* runner --probe-fentry: can this kernel load and attach an fentry program? */
#ifndef RUNNER_PROBE_H
#define RUNNER_PROBE_H

/* Some VMs block function tracing even for root (EPERM). Emits one event,
 * {"type":"probe","fentry":"ok"|"blocked"|"no-btf"|"no-target"|"load-failed"|"attach-failed","errno":…},
 * and returns the exit status (0). */
int probe_fentry(void);

#endif
