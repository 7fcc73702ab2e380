// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "json.h"
#include "trace.h"

#define INSTANCE_PREFIX "taller-ebpf-"
#define ENABLE_FILE "events/bpf_trace/bpf_trace_printk/enable"

/* One instance per runner: the pipe's state lives here. */
static struct {
	char dir[PATH_MAX];
	char buf[8192];
	size_t used;
} trace;

static const char *tracefs_root(void)
{
	static const char *roots[] = { "/sys/kernel/tracing", "/sys/kernel/debug/tracing" };
	for (size_t i = 0; i < sizeof(roots) / sizeof(roots[0]); i++) {
		char p[PATH_MAX];
		snprintf(p, sizeof(p), "%s/instances", roots[i]);
		if (access(p, F_OK) == 0)
			return roots[i];
	}
	return NULL;
}

static int write_file(const char *dir, const char *name, const char *text)
{
	char path[PATH_MAX + 64];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	int fd = open(path, O_WRONLY | O_TRUNC);
	if (fd < 0)
		return -errno;
	ssize_t n = write(fd, text, strlen(text));
	int err = n < 0 ? -errno : 0;
	close(fd);
	return err;
}

/* "   bash-1234    [001] d..31  12.345: bpf_trace_printk: execve called" becomes
 * {"type":"printk","comm":"bash","pid":1234,"message":"execve called"}; any other
 * line (the kernel's own notes) a "trace" event with the line as it is. */
static void emit_line(char *line)
{
	static const char tag[] = ": bpf_trace_printk: ";
	char *msg = strstr(line, tag);
	struct json j;
	if (!msg) {
		json_event(&j, "trace");
		json_string(&j, "line", line);
		json_end(&j);
		return;
	}
	*msg = 0;
	msg += sizeof(tag) - 1;
	char *task = line;
	while (*task == ' ')
		task++;
	char *cpu = strstr(task, " [");
	if (cpu)
		*cpu = 0;
	char *dash = strrchr(task, '-');
	long pid = 0;
	if (dash) {
		*dash = 0;
		pid = strtol(dash + 1, NULL, 10);
	}
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
		msg[--n] = 0;
	json_event(&j, "printk");
	json_string(&j, "comm", task);
	json_int(&j, "pid", pid);
	json_string(&j, "message", msg);
	json_end(&j);
}

static void trace_drain(struct output *out)
{
	size_t cap = sizeof(trace.buf);
	for (;;) {
		ssize_t n = read(out->fd, trace.buf + trace.used, cap - 1 - trace.used);
		if (n <= 0)
			break;
		trace.used += n;
		trace.buf[trace.used] = 0;
		char *start = trace.buf, *nl;
		while ((nl = strchr(start, '\n'))) {
			*nl = 0;
			emit_line(start);
			start = nl + 1;
		}
		trace.used = strlen(start);
		memmove(trace.buf, start, trace.used + 1);
		if (trace.used >= cap - 1) /* a line longer than the buffer: drop it */
			trace.used = 0;
	}
}

static void remove_instance(void)
{
	if (!trace.dir[0])
		return;
	write_file(trace.dir, ENABLE_FILE, "0");
	rmdir(trace.dir);
	trace.dir[0] = 0;
}

static void trace_close(struct output *out)
{
	if (out->fd >= 0)
		close(out->fd);
	out->fd = -1;
	remove_instance();
}

int trace_open(struct output *out)
{
	const char *root = tracefs_root();
	char pipe[PATH_MAX + 16];
	int err;

	if (!root)
		return -ENOENT;
	snprintf(trace.dir, sizeof(trace.dir), "%s/instances/" INSTANCE_PREFIX "%d", root, getpid());
	if (mkdir(trace.dir, 0700) && errno != EEXIST) {
		err = -errno;
		trace.dir[0] = 0;
		return err;
	}
	err = write_file(trace.dir, ENABLE_FILE, "1");
	if (err)
		goto fail;
	snprintf(pipe, sizeof(pipe), "%s/trace_pipe", trace.dir);
	int fd = open(pipe, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		goto fail;
	}
	trace.used = 0;
	*out = (struct output){ .name = "printk", .fd = fd, .drain = trace_drain, .close = trace_close };
	return 0;
fail:
	remove_instance();
	return err;
}
