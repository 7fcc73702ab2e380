// SPDX-License-Identifier: GPL-2.0
/*
 * The launcher every terminal command runs under (server/processes/pty-process.ts):
 *
 *   launcher CGROUP-DIR|- NONCE FILE [ARG…]
 *
 *  - starts FILE as its child directly inside the session's cgroup (clone3 with
 *    CLONE_INTO_CGROUP), so every process of the run is born inside it. This avoids
 *    writing a pid into cgroup.procs, which waits for an RCU grace period (~10 ms) on
 *    the way to every run. Kernels without CLONE_INTO_CGROUP (< 5.7): the launcher
 *    moves itself into the group first, as the shell launcher does;
 *  - keeps SIGINT/SIGTERM/SIGQUIT for the child (a handler, not an ignore: the child
 *    gets the default disposition at exec);
 *  - then prints an end mark with the per-spawn nonce and waits for the server to echo
 *    the nonce back before it exits and closes the pty (closing the pty's last slave fd
 *    can discard output the server has not read yet: node-pty #72, #726).
 * Its exit status is the command's (128+N when signal N killed it; 127 when FILE
 * cannot be found, 126 when it cannot be run, like a shell).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#ifndef CLONE_INTO_CGROUP
#define CLONE_INTO_CGROUP 0x200000000ULL
#endif

static void nothing(int sig)
{
	(void)sig;
}

static void run_child(char **argv)
{
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	execvp(argv[0], argv);
	int err = errno;
	fprintf(stderr, "%s: %s\n", argv[0], strerror(err));
	_exit(err == ENOENT ? 127 : 126);
}

/* The old way: this process into the group (its children are born there). */
static void move_self(const char *dir)
{
	char path[PATH_MAX];
	if (snprintf(path, sizeof(path), "%s/cgroup.procs", dir) >= (int)sizeof(path))
		return;
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	dprintf(fd, "%d\n", (int)getpid());
	close(fd);
}

static pid_t start(const char *dir, char **argv)
{
	if (strcmp(dir, "-") != 0) {
		int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd >= 0) {
			struct clone_args ca;
			memset(&ca, 0, sizeof(ca));
			ca.flags = CLONE_INTO_CGROUP;
			ca.exit_signal = SIGCHLD;
			ca.cgroup = (uint64_t)fd;
			long pid = syscall(SYS_clone3, &ca, sizeof(ca));
			if (pid == 0)
				run_child(argv);
			close(fd);
			if (pid > 0)
				return (pid_t)pid;
		}
		move_self(dir);
	}
	pid_t pid = fork();
	if (pid == 0)
		run_child(argv);
	return pid;
}

/* Reads lines from the terminal until one is exactly `nonce` (or the input ends). */
static void wait_for_echo(const char *nonce)
{
	char line[256];
	size_t len = 0, want = strlen(nonce);
	int over = 0;
	for (;;) {
		char c;
		ssize_t n = read(STDIN_FILENO, &c, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		if (c == '\n') {
			if (!over && len == want && memcmp(line, nonce, want) == 0)
				return;
			len = 0;
			over = 0;
		} else if (len < sizeof(line)) {
			line[len++] = c;
		} else {
			over = 1;
		}
	}
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: %s CGROUP-DIR|- NONCE FILE [ARG...]\n", argv[0]);
		return 2;
	}
	const char *nonce = argv[2];
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = nothing;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);

	int status = 0, code = 127;
	pid_t pid = start(argv[1], argv + 3);
	if (pid < 0) {
		fprintf(stderr, "%s: %s\n", argv[3], strerror(errno));
	} else {
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		code = WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
	}

	struct termios tio;
	if (tcgetattr(STDIN_FILENO, &tio) == 0) {
		tio.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSANOW, &tio);
	}
	printf("\033]7770;%s\007", nonce);
	fflush(stdout);
	wait_for_echo(nonce);
	return code;
}
