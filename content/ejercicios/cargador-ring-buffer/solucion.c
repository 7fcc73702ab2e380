// A loader that loads and attaches programa.bpf.c and reads
// its events from the ring buffer.
#include <errno.h>
#include <signal.h>
#include <stdio.h>
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
	struct ring_buffer *rb = NULL;
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

	rb = ring_buffer__new(bpf_map__fd(skel->maps.events),
			      handle_event, NULL, NULL);
	if (!rb) {
		err = -errno;
		fprintf(stderr, "no se pudo crear el ring buffer: %d\n",
			err);
		goto cleanup;
	}
	while (!exiting) {
		err = ring_buffer__poll(rb, 100);
		if (err == -EINTR) {
			err = 0;
			break;
		}
		if (err < 0)
			break;
		err = 0;
	}

cleanup:
	ring_buffer__free(rb);
	programa_bpf__destroy(skel);
	return err ? 1 : 0;
}
