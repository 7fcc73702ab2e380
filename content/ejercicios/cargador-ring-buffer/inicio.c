// A loader that loads and attaches programa.bpf.c,
// but never reads its events.
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
#include <bpf/libbpf.h>
#include "programa.skel.h"

struct event {
	unsigned int pid;
	char comm[16];
	char filename[128];
};

static volatile sig_atomic_t exiting;

static void on_signal(int sig)
{
	exiting = 1;
}

static int handle_event(void *ctx, void *data, size_t size)
{
	const struct event *e = data;

	printf("%-7u %-16s %s\n", e->pid, e->comm, e->filename);
	return 0;
}

int main(void)
{
	struct programa_bpf *skel;
	int err = 0;

	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);

	skel = programa_bpf__open_and_load();
	if (!skel) {
		fputs("no se pudo abrir y cargar el programa\n", stderr);
		return 1;
	}
	err = programa_bpf__attach(skel);
	if (err) {
		fprintf(stderr, "no se pudo enganchar: %d\n", err);
		goto cleanup;
	}
	puts("Enganchado. Esperando execve (Ctrl-C para salir)…");

	/* TODO: create a ring buffer on skel->maps.events that calls
	 * handle_event, and poll it here instead of sleeping. */
	while (!exiting)
		sleep(1);

cleanup:
	programa_bpf__destroy(skel);
	return err ? 1 : 0;
}
