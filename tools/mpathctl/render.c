// SPDX-License-Identifier: GPL-2.0
/*
 * mpathctl: the views of a head read whole (cfs.c): the text of list and
 * show, as multipath -ll shows a map, and the JSON of tools/mpathctl.schema.json
 * (fields are only added, at the end of their object).
 */
#include <stdio.h>
#include <string.h>

#include "mpathctl.h"

static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			fprintf(f, "\\u%04x", *s);
		else
			fputc(*s, f);
	}
	fputc('"', f);
}

static const char *jbool(bool b)
{
	return b ? "true" : "false";
}

static void json_path(FILE *f, const struct path_info *pi)
{
	int i;

	fprintf(f, "{\"name\":");
	json_str(f, pi->name);
	fprintf(f, ",\"device\":");
	json_str(f, pi->device);
	fprintf(f, ",\"enabled\":%s", jbool(pi->enabled));
	fprintf(f, ",\"attached\":%s", jbool(pi->attached));
	fprintf(f, ",\"state\":");
	json_str(f, pi->state);
	fprintf(f, ",\"state_source\":\"%s\"", pi->manual ? "manual" : "auto");
	fprintf(f, ",\"alua\":");
	json_str(f, pi->alua);
	fprintf(f, ",\"preferred\":%s", jbool(pi->preferred));
	fprintf(f, ",\"numa_node\":%d", pi->numa_node);
	fprintf(f, ",\"failed\":%s,\"unready\":%s,\"usable\":%s",
		jbool(pi->failed), jbool(pi->unready), jbool(path_usable(pi)));
	fprintf(f, ",\"queue_depth\":%lld,\"submitted\":%lld", pi->queue_depth,
		pi->submitted);
	fprintf(f, ",\"completed\":%lld,\"errors\":%lld,\"failovers\":%lld",
		pi->completed, pi->errors, pi->failovers);
	fprintf(f, ",\"unique_id\":");
	json_str(f, pi->unique_id);
	fprintf(f, ",\"fault\":");
	json_str(f, pi->fault);
	fprintf(f, ",\"numa_nodes\":[");
	for (i = 0; i < pi->nr_numa_nodes; i++)
		fprintf(f, "%s%d", i ? "," : "", pi->numa_nodes[i]);
	fprintf(f, "]}");
}

void json_head(FILE *f, const struct head_info *h)
{
	int i;

	fprintf(f, "{\"name\":");
	json_str(f, h->name);
	fprintf(f, ",\"disk\":");
	json_str(f, h->disk);
	fprintf(f, ",\"enabled\":%s", jbool(h->enabled));
	fprintf(f, ",\"size_bytes\":%lld", h->size_bytes);
	fprintf(f, ",\"unique_id\":");
	json_str(f, h->unique_id);
	fprintf(f, ",\"iopolicy\":");
	json_str(f, h->iopolicy);
	fprintf(f, ",\"queue_if_no_path\":%s", jbool(h->queue_if_no_path));
	fprintf(f, ",\"delayed_removal_secs\":%lld", h->delayed_removal_secs);
	fprintf(f, ",\"checker\":");
	json_str(f, h->checker);
	fprintf(f, ",\"checker_interval_secs\":%lld", h->checker_interval_secs);
	fprintf(f, ",\"pr_scope\":");
	json_str(f, h->pr_scope);
	fprintf(f, ",\"flap_failures\":%lld,\"flap_window_secs\":%lld",
		h->flap_failures, h->flap_window_secs);
	fprintf(f, ",\"flap_hold_secs\":%lld", h->flap_hold_secs);
	fprintf(f, ",\"stats\":{\"queued\":%lld", h->queued);
	fprintf(f, ",\"requeue_no_usable_path\":%lld", h->requeue_no_usable_path);
	fprintf(f, ",\"fail_no_available_path\":%lld", h->fail_no_available_path);
	fprintf(f, ",\"no_path_bound\":%s", jbool(h->no_path_bound));
	fprintf(f, ",\"no_path_expired\":%s}", jbool(h->no_path_expired));
	fprintf(f, ",\"paths\":[");
	for (i = 0; i < h->nr_paths; i++) {
		if (i)
			fputc(',', f);
		json_path(f, &h->paths[i]);
	}
	fprintf(f, "]}");
}

void human_size(long long bytes, char *out, size_t len)
{
	static const char *const unit[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	double v = bytes;
	int i = 0;

	if (bytes <= 0) {
		snprintf(out, len, "-");
		return;
	}
	while (v >= 1024 && i < 4) {
		v /= 1024;
		i++;
	}
	snprintf(out, len, "%.1f%s", v, unit[i]);
}

static void queueing(const struct head_info *h, char *out, size_t len)
{
	if (h->queue_if_no_path)
		snprintf(out, len, "queue_if_no_path");
	else if (h->delayed_removal_secs)
		snprintf(out, len, "queue %llds", h->delayed_removal_secs);
	else
		snprintf(out, len, "fail");
}

static const char *path_status(const struct path_info *pi)
{
	if (!pi->attached)
		return pi->enabled ? "detached" : "disabled";
	if (pi->failed)
		return "failed";
	if (pi->unready)
		return "unready";
	return "active";
}

void text_head(FILE *f, const struct head_info *h, bool verbose)
{
	char size[32], queue[64];
	int i, usable = 0;

	for (i = 0; i < h->nr_paths; i++)
		usable += path_usable(&h->paths[i]);
	human_size(h->enabled ? h->size_bytes : 0, size, sizeof(size));
	queueing(h, queue, sizeof(queue));
	fprintf(f, "%s (%s%s) %s size=%s policy=%s queueing=%s checker=%s paths=%d/%d usable\n",
		h->name, h->disk, h->enabled ? "" : ", disabled",
		h->enabled ? h->unique_id : "-", size, h->iopolicy, queue,
		h->checker, usable, h->nr_paths);
	if (!verbose)
		return;
	for (i = 0; i < h->nr_paths; i++) {
		const struct path_info *pi = &h->paths[i];

		fprintf(f, " %s %-6s %-14s %-14s %-8s",
			i == h->nr_paths - 1 ? "`-" : "|-", pi->name,
			*pi->device ? pi->device : "-", pi->state,
			path_status(pi));
		fprintf(f, " queue_depth %lld submitted %lld errors %lld failovers %lld id %s",
			pi->queue_depth, pi->submitted, pi->errors,
			pi->failovers, pi->unique_id);
		if (strcmp(pi->alua, "none") || pi->manual)
			fprintf(f, " alua %s%s", pi->alua,
				pi->manual ? " (state set by hand)" : "");
		if (strcmp(pi->fault, "none"))
			fprintf(f, " fault %s", pi->fault);
		fputc('\n', f);
	}
}
