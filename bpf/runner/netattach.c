// SPDX-License-Identifier: GPL-2.0
/* Attaching XDP, tc, tcx, socket filter and cgroup programs to the run's sandbox (netattach.h). */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <sys/socket.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <bpf/libbpf_version.h>
#include "netattach.h"

#ifndef SO_ATTACH_BPF
#define SO_ATTACH_BPF 50
#endif

#define HAVE_TCX (LIBBPF_MAJOR_VERSION > 1 || (LIBBPF_MAJOR_VERSION == 1 && LIBBPF_MINOR_VERSION >= 3))

/* tc filters are not links: each is detached by hand at exit, then its clsact hook destroyed. */
#define MAX_TC 16
static struct {
	struct bpf_tc_hook hook;
	struct bpf_tc_opts opts;
} tc[MAX_TC];
static int ntc;
/* The clsact qdisc made by the first tc attach; destroyed once, after every filter is detached. */
static struct bpf_tc_hook clsact;
static bool have_clsact;

/* A socket filter's socket: packets the filter lets through are read and counted. */
struct socket_channel {
	char program[64]; /* a copy: the object may be closed before the channel */
	unsigned long long delivered, reported;
	long long reported_at; /* ms: at most one "socket" event each SOCKET_REPORT_MS */
};
#define SOCKET_REPORT_MS 500

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static bool starts_with(const char *s, const char *prefix)
{
	return s && !strncmp(s, prefix, strlen(prefix));
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !strcmp(s + n - m, suffix);
}

static int ifindex_of(const struct targets *t)
{
	if (!t->ifname)
		return -EOPNOTSUPP;
	int idx = if_nametoindex(t->ifname);
	return idx ? idx : -ENODEV;
}

static void socket_report(struct socket_channel *c, bool final)
{
	struct json j;
	if (c->delivered == c->reported || (!final && now_ms() - c->reported_at < SOCKET_REPORT_MS))
		return;
	c->reported = c->delivered;
	c->reported_at = now_ms();
	json_event(&j, "socket");
	json_string(&j, "program", c->program);
	json_int(&j, "delivered", (long long)c->delivered);
	json_end(&j);
}

static void socket_drain(struct output *out)
{
	char buf[2048];
	struct socket_channel *c = out->ctx;
	while (recv(out->fd, buf, sizeof(buf), MSG_DONTWAIT | MSG_TRUNC) >= 0)
		c->delivered++;
	socket_report(c, false);
}

static void socket_close(struct output *out)
{
	socket_report(out->ctx, true);
	close(out->fd);
	free(out->ctx);
}

/* A raw packet socket on the interface, the filter attached before it is bound (so that no
 * packet reaches it unfiltered). */
static int attach_socket(struct bpf_program *prog, int ifindex, struct output *outs, int *nouts, int max_outs)
{
	int fd, prog_fd = bpf_program__fd(prog), err;
	struct sockaddr_ll addr = { .sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_ALL), .sll_ifindex = ifindex };
	struct socket_channel *c;
	if (*nouts >= max_outs)
		return -ENOSPC;
	fd = socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (setsockopt(fd, SOL_SOCKET, SO_ATTACH_BPF, &prog_fd, sizeof(prog_fd)) ||
	    bind(fd, (struct sockaddr *)&addr, sizeof(addr))) {
		err = -errno;
		close(fd);
		return err;
	}
	c = calloc(1, sizeof(*c));
	if (!c) {
		close(fd);
		return -ENOMEM;
	}
	snprintf(c->program, sizeof(c->program), "%s", bpf_program__name(prog));
	outs[(*nouts)++] = (struct output){ .name = "socket", .fd = fd, .drain = socket_drain, .close = socket_close, .ctx = c };
	return 0;
}

static int attach_tc(struct bpf_program *prog, int ifindex, bool egress)
{
	int err;
	if (ntc == MAX_TC)
		return -ENOSPC;
	LIBBPF_OPTS(bpf_tc_hook, hook, .ifindex = ifindex, .attach_point = egress ? BPF_TC_EGRESS : BPF_TC_INGRESS);
	LIBBPF_OPTS(bpf_tc_opts, opts, .prog_fd = bpf_program__fd(prog));
	if (!have_clsact) {
		/* One clsact qdisc holds both the ingress and the egress hook. */
		err = bpf_tc_hook_create(&hook);
		if (err)
			return err;
		clsact = hook;
		clsact.attach_point = BPF_TC_INGRESS | BPF_TC_EGRESS;
		have_clsact = true;
	}
	err = bpf_tc_attach(&hook, &opts);
	if (err)
		return err;
	tc[ntc].hook = hook;
	tc[ntc].opts = opts;
	ntc++;
	return 0;
}

static int attach_cgroup(struct bpf_program *prog, const struct targets *t, struct bpf_link **link)
{
	int fd, err = 0;
	if (!t->cgroup)
		return -EOPNOTSUPP;
	fd = open(t->cgroup, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	*link = bpf_program__attach_cgroup(prog, fd);
	if (!*link)
		err = -errno;
	close(fd);
	return err;
}

bool net_attach(struct bpf_program *prog, const struct targets *t, struct bpf_link **link, int *err,
		char *where, size_t where_len, struct output *outs, int *nouts, int max_outs)
{
	const char *sec = bpf_program__section_name(prog);
	const char *ifname = t->ifname ? t->ifname : "";
	int ifindex;
	*link = NULL;
	*err = 0;
	switch (bpf_program__type(prog)) {
	case BPF_PROG_TYPE_XDP:
		if ((ifindex = ifindex_of(t)) < 0) {
			*err = ifindex;
			return true;
		}
		*link = bpf_program__attach_xdp(prog, ifindex);
		*err = *link ? 0 : -errno;
		snprintf(where, where_len, "xdp %s", ifname);
		return true;
	case BPF_PROG_TYPE_SOCKET_FILTER:
		if ((ifindex = ifindex_of(t)) < 0) {
			*err = ifindex;
			return true;
		}
		*err = attach_socket(prog, ifindex, outs, nouts, max_outs);
		snprintf(where, where_len, "socket %s", ifname);
		return true;
	case BPF_PROG_TYPE_SCHED_CLS: {
		bool tcx = starts_with(sec, "tcx/") || starts_with(sec, "tc/");
		bool egress = tcx ? ends_with(sec, "egress") : ends_with(bpf_program__name(prog), "_egress");
		if ((ifindex = ifindex_of(t)) < 0) {
			*err = ifindex;
			return true;
		}
		if (tcx) {
#if HAVE_TCX
			*link = bpf_program__attach_tcx(prog, ifindex, NULL);
			*err = *link ? 0 : -errno;
#else
			*err = -EOPNOTSUPP;
#endif
		} else {
			*err = attach_tc(prog, ifindex, egress);
		}
		snprintf(where, where_len, "%s %s %s", tcx ? "tcx" : "tc", egress ? "egress" : "ingress", ifname);
		return true;
	}
	case BPF_PROG_TYPE_CGROUP_SKB:
	case BPF_PROG_TYPE_CGROUP_SOCK:
	case BPF_PROG_TYPE_CGROUP_SOCK_ADDR:
	case BPF_PROG_TYPE_CGROUP_SOCKOPT:
	case BPF_PROG_TYPE_CGROUP_SYSCTL:
	case BPF_PROG_TYPE_CGROUP_DEVICE:
	case BPF_PROG_TYPE_SOCK_OPS:
		*err = attach_cgroup(prog, t, link);
		snprintf(where, where_len, "cgroup");
		return true;
	default:
		return false;
	}
}

void net_detach_all(void)
{
	for (int i = 0; i < ntc; i++) {
		tc[i].opts.flags = tc[i].opts.prog_fd = tc[i].opts.prog_id = 0;
		bpf_tc_detach(&tc[i].hook, &tc[i].opts);
	}
	ntc = 0;
	if (have_clsact)
		bpf_tc_hook_destroy(&clsact);
	have_clsact = false;
}
