// SPDX-License-Identifier: GPL-2.0
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

SEC("tp_btf/sched_process_exec")
int BPF_PROG(exec_btf, struct task_struct *p, pid_t old_pid,
	     struct linux_binprm *bprm)
{
	const char *file = bprm->filename;
	pid_t ppid = p->real_parent->tgid;

	bpf_printk("exec %s: pid %d, padre %d", file, p->tgid, ppid);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
