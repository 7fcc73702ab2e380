// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "json.h"
#include "probe.h"

int probe_fentry(void)
{
	struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	struct btf *vmlinux = btf__load_vmlinux_btf();
	const char *status = "ok";
	int err = 0, fd = -1, link = -1, id;
	struct json j;

	if (!vmlinux) {
		status = "no-btf";
		err = -errno;
		goto out;
	}
	id = btf__find_by_name_kind(vmlinux, "do_nanosleep", BTF_KIND_FUNC);
	if (id <= 0)
		id = btf__find_by_name_kind(vmlinux, "ksys_read", BTF_KIND_FUNC);
	if (id <= 0) {
		status = "no-target";
		goto out;
	}
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .expected_attach_type = BPF_TRACE_FENTRY, .attach_btf_id = id);
	fd = bpf_prog_load(BPF_PROG_TYPE_TRACING, "taller_probe", "GPL", insns, 2, &opts);
	if (fd < 0) {
		err = -errno;
		status = err == -EPERM ? "blocked" : "load-failed";
		goto out;
	}
	link = bpf_link_create(fd, 0, BPF_TRACE_FENTRY, NULL);
	if (link < 0) {
		err = -errno;
		status = err == -EPERM ? "blocked" : "attach-failed";
	}
out:
	json_event(&j, "probe");
	json_string(&j, "fentry", status);
	json_int(&j, "errno", err);
	json_end(&j);
	if (link >= 0)
		close(link);
	if (fd >= 0)
		close(fd);
	btf__free(vmlinux);
	return 0;
}
