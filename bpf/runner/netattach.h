/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Programs that need a target libbpf cannot guess: XDP, tc and tcx on an interface, socket
 * filters on a socket, cgroup programs on a cgroup. The server runs such blocks inside a
 * sandbox it builds per run (a network namespace with the veth end --ifname, a cgroup
 * --cgroup): the runner attaches there and nowhere else.
 */
#ifndef RUNNER_NETATTACH_H
#define RUNNER_NETATTACH_H

#include <stdbool.h>
#include <bpf/libbpf.h>
#include "json.h"
#include "output.h"

struct targets {
	const char *ifname; /* --ifname: XDP, tc, tcx and socket filters */
	const char *cgroup; /* --cgroup: cgroup programs */
};

/*
 * Attaches prog when its type needs a target. Returns false when it does not (the caller
 * uses bpf_program__attach()). Otherwise *err is 0 or the failure (-EOPNOTSUPP: no target
 * was given), *link the link when there is one, and *where describes the target
 * ("xdp srv0", "tc ingress srv0", "socket srv0", "cgroup"). A socket filter's socket becomes
 * an output channel in outs (its packets are counted: "socket" events).
 */
bool net_attach(struct bpf_program *prog, const struct targets *t, struct bpf_link **link, int *err,
		char *where, size_t where_len, struct output *outs, int *nouts, int max_outs);

/* Detaches what has no link (tc filters and their clsact hooks). Sockets close with their channel. */
void net_detach_all(void);

#endif
