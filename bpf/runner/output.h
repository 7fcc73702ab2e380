/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Output channels: what a running program writes that the runner streams as events
 * while it waits for SIGINT. Each channel is a file descriptor to poll and a function
 * that turns what is ready into events.
 *
 * The bpf_printk trace pipe (trace.c, "printk" events), and one channel per ring
 * buffer or perf buffer map (events.c, "events" events): each an *_open() that fills a
 * struct output after load, called from open_outputs() in main.c.
 */
#ifndef RUNNER_OUTPUT_H
#define RUNNER_OUTPUT_H

#define MAX_OUTPUTS 16

struct output {
	const char *name;
	int fd;                              /* polled for POLLIN */
	void (*drain)(struct output *out);   /* emits what is ready; never blocks */
	void (*close)(struct output *out);   /* releases everything the channel made */
	void *ctx;                           /* the channel's own state */
};

/* Waits up to timeout_ms for any channel, then drains every channel that is ready. */
void outputs_poll(struct output *outs, int n, int timeout_ms);

/* Drains every channel (at the end, so that no line is lost). */
void outputs_drain(struct output *outs, int n);

/* Closes every channel. */
void outputs_close(struct output *outs, int n);

#endif
