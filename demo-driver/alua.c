// SPDX-License-Identifier: GPL-2.0
/*
 * mpathdemo: path states from the storage's own word (SCSI ALUA).
 *
 * A path whose device is a SCSI disk with the ALUA device handler
 * (scsi_dh_alua) attached takes its access state from the handler, which
 * keeps the scsi_device's access_state current from the array's reports
 * (REPORT TARGET PORT GROUPS after a unit attention, an activation, or a
 * transition).  The mapping, as NVMe ANA and dm-multipath's alua
 * prioritizer see the same states:
 *
 *	active/optimized		optimized (preferred ones first)
 *	active/non-optimized, lba-dependent	non-optimized
 *	standby, unavailable, offline	inaccessible
 *	transitioning			change
 *
 * The state is read as the path joins, at every check of the path, and at
 * once after a path error on it; an administrator who writes the path's
 * state takes over until "auto" is written again.
 *
 * mpathdemo does not link against scsi_mod, so that it loads on a kernel
 * or a machine without SCSI: a SCSI disk is recognised by the type of its
 * parent device ("scsi_device", which is what scsi_is_sdev_device()
 * compares; that export is not GPL-only, and symbol_get() finds only
 * GPL-only exports since 6.6 and 6.1.5x), the fields read are those of
 * the kernel's headers, and the one function called, scsi_alloc_request()
 * (GPL-only), is looked up with symbol_get() when a probe needs it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/blk-mq.h>
#include <linux/module.h>
#include <scsi/scsi.h>
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_device.h>
#include <scsi/scsi_dh.h>
#include <scsi/scsi_proto.h>

#include "mpathdemo.h"

/* the scsi_device of @disk, if it is a SCSI disk (sd's parent device) */
static struct scsi_device *mpdemo_disk_sdev(struct gendisk *disk)
{
	struct device *parent = disk_to_dev(disk)->parent;

	if (!parent || !parent->type || !parent->type->name ||
	    strcmp(parent->type->name, "scsi_device"))
		return NULL;
	return to_scsi_device(parent);
}

/**
 * mpdemo_alua_attach() - find the ALUA handler of an open path's device
 * @p: the slot, its device open
 *
 * The scsi_device stays valid while the device is open (the disk holds
 * its parent).  The handler may attach after the disk appeared: the
 * check looks again until it finds one.
 *
 * Context: process context.
 * Return: true if the path's states come from an ALUA handler.
 */
bool mpdemo_alua_attach(struct mpdemo_path *p)
{
	struct scsi_device *sdev = mpdemo_disk_sdev(p->bdev.bdev->bd_disk);

	WRITE_ONCE(p->hint_valid, false);
	WRITE_ONCE(p->suspect, false);
	if (sdev && sdev->handler && sdev->handler->name &&
	    !strcmp(sdev->handler->name, "alua")) {
		WRITE_ONCE(p->sdev, sdev);
		return true;
	}
	return false;
}

/**
 * mpdemo_alua_detach() - forget the device's handler (the device closes)
 * @p: the slot
 *
 * Context: process context, the path's checker stopped.
 */
void mpdemo_alua_detach(struct mpdemo_path *p)
{
	WRITE_ONCE(p->sdev, NULL);
}

/* the library's state for an ALUA access state byte */
static enum mpath_access_state mpdemo_alua_map(u8 raw)
{
	switch (raw & SCSI_ACCESS_STATE_MASK) {
	case SCSI_ACCESS_STATE_OPTIMAL:
		return MPATH_STATE_OPTIMIZED;
	case SCSI_ACCESS_STATE_ACTIVE:
	case SCSI_ACCESS_STATE_LBA:
		return MPATH_STATE_NONOPTIMIZED;
	case SCSI_ACCESS_STATE_TRANSITIONING:
		return MPATH_STATE_TRANSITIONING;
	default:
		/* standby, unavailable, offline */
		return MPATH_STATE_INACCESSIBLE;
	}
}

/*
 * The state of @p by the array's freshest word: the handler's report, or
 * what the port itself answered a TEST UNIT READY (NOT READY, target port
 * in standby) while the handler still reports what it read before (its
 * byte has not changed since that answer).
 */
static enum mpath_access_state mpdemo_alua_now(struct mpdemo_path *p,
					       struct scsi_device *sdev)
{
	u8 raw = READ_ONCE(sdev->access_state);

	if (READ_ONCE(p->hint_valid) && raw == READ_ONCE(p->hint_raw))
		return READ_ONCE(p->hint_state);
	return mpdemo_alua_map(raw);
}

/**
 * mpdemo_alua_state() - the state the storage gives a path now
 * @p: the slot
 *
 * Context: any (a byte the handler keeps current is read).
 * Return: the library state, or MPATH_STATE_NR if the path has no ALUA
 * handler or its state is set by hand.
 */
enum mpath_access_state mpdemo_alua_state(struct mpdemo_path *p)
{
	struct scsi_device *sdev = READ_ONCE(p->sdev);

	if (!sdev || READ_ONCE(p->state_manual))
		return MPATH_STATE_NR;
	return mpdemo_alua_now(p, sdev);
}

/**
 * mpdemo_alua_note_answer() - what the port answered a TEST UNIT READY
 * @p: the slot
 * @state: the state its NOT READY answer named, or MPATH_STATE_NR for an
 *	answer that names none (good: the handler's report stands)
 *
 * A port that answers "standby" before the handler has read the array's
 * new report is believed until the handler reports anew.
 *
 * Context: the check work, @p->lock held.
 */
void mpdemo_alua_note_answer(struct mpdemo_path *p,
			     enum mpath_access_state state)
{
	struct scsi_device *sdev = READ_ONCE(p->sdev);

	lockdep_assert_held(&p->lock);

	if (!sdev || state == MPATH_STATE_NR ||
	    state == mpdemo_alua_map(READ_ONCE(sdev->access_state))) {
		WRITE_ONCE(p->hint_valid, false);
		return;
	}
	WRITE_ONCE(p->hint_state, state);
	WRITE_ONCE(p->hint_raw, READ_ONCE(sdev->access_state));
	WRITE_ONCE(p->hint_valid, true);
	pr_info("%s/%s: array: %s answers that it is %s (before the handler's report)\n",
		config_item_name(&p->head->group.cg_item), mpdemo_path_name(p),
		p->device, mpath_access_state_name(state));
}

/**
 * mpdemo_alua_error_state() - the state of a path that just had a path error
 * @p: the slot
 *
 * The array may have moved the path and said so in the sense of the
 * failed command (NOT READY, target port in standby), before the handler
 * read the new states (its report is on the way): an error on a path the
 * handler still calls usable makes it "change" until its check asked the
 * array (mpdemo_check_work() sends it a TEST UNIT READY at once).  I/O
 * waits meanwhile instead of failing the path.
 *
 * Context: bio completion.
 * Return: the library state to set instead of failing the path, or
 * MPATH_STATE_NR (no handler, or the state is set by hand).
 */
enum mpath_access_state mpdemo_alua_error_state(struct mpdemo_path *p)
{
	enum mpath_access_state state = mpdemo_alua_state(p);

	if (state == MPATH_STATE_OPTIMIZED || state == MPATH_STATE_NONOPTIMIZED) {
		WRITE_ONCE(p->suspect, true);
		return MPATH_STATE_TRANSITIONING;
	}
	return state;
}

/**
 * mpdemo_alua_ghost() - does the array keep a path out of use on purpose?
 * @p: the slot
 *
 * A path the array reports standby, unavailable, offline or in
 * transition carries no I/O, but its transport may be fine: multipathd
 * calls it a ghost.  The checker does not fail it for refusing reads.
 *
 * Context: any.
 * Return: true for such a path of an ALUA handler.
 */
bool mpdemo_alua_ghost(struct mpdemo_path *p)
{
	struct scsi_device *sdev = READ_ONCE(p->sdev);
	enum mpath_access_state state;

	if (!sdev)
		return false;
	state = mpdemo_alua_now(p, sdev);
	return state != MPATH_STATE_OPTIMIZED && state != MPATH_STATE_NONOPTIMIZED;
}

/**
 * mpdemo_alua_running() - is the SCSI device of a path in business?
 * @p: the slot
 *
 * The SCSI layer's own view of the transport: a device that is offline,
 * blocked by its transport (a lost FC or iSCSI session) or being deleted
 * is down, whatever its ALUA state.
 *
 * Context: any.
 * Return: true for a running device, or a path without an ALUA handler.
 */
bool mpdemo_alua_running(struct mpdemo_path *p)
{
	struct scsi_device *sdev = READ_ONCE(p->sdev);

	return !sdev || READ_ONCE(sdev->sdev_state) == SDEV_RUNNING;
}

static const char *const mpdemo_alua_names[] = {
	[SCSI_ACCESS_STATE_OPTIMAL]		= "active/optimized",
	[SCSI_ACCESS_STATE_ACTIVE]		= "active/non-optimized",
	[SCSI_ACCESS_STATE_STANDBY]		= "standby",
	[SCSI_ACCESS_STATE_UNAVAILABLE]		= "unavailable",
	[SCSI_ACCESS_STATE_LBA]			= "lba-dependent",
	[SCSI_ACCESS_STATE_OFFLINE]		= "offline",
	[SCSI_ACCESS_STATE_TRANSITIONING]	= "transitioning",
};

/**
 * mpdemo_alua_show() - the handler's view of a path, for configfs
 * @p: the slot
 * @buf: a sysfs page
 *
 * Context: process context, mpdemo_lock held.
 * Return: the length of "none", or of the ALUA state as sysfs names it
 * (and " preferred" when the port group is).
 */
ssize_t mpdemo_alua_show(struct mpdemo_path *p, char *buf)
{
	struct scsi_device *sdev = READ_ONCE(p->sdev);
	const char *name = NULL;
	u8 raw;

	if (!sdev)
		return sysfs_emit(buf, "none\n");
	raw = READ_ONCE(sdev->access_state);
	if ((raw & SCSI_ACCESS_STATE_MASK) < ARRAY_SIZE(mpdemo_alua_names))
		name = mpdemo_alua_names[raw & SCSI_ACCESS_STATE_MASK];
	return sysfs_emit(buf, "%s%s\n", name ? name : "unknown",
			  raw & SCSI_ACCESS_STATE_PREFERRED ? " preferred" : "");
}

/**
 * mpdemo_alua_refresh() - take the path's state from the array
 * @p: the slot, attached
 *
 * Sets the library's access state and preference of the path from the
 * handler's, unless the state is set by hand; logs each change.
 *
 * Context: process context, @p->lock held.
 */
void mpdemo_alua_refresh(struct mpdemo_path *p)
{
	struct scsi_device *sdev = READ_ONCE(p->sdev);
	enum mpath_access_state state, old;
	u8 raw;

	lockdep_assert_held(&p->lock);

	if (!sdev || p->state_manual || !p->attached)
		return;
	raw = READ_ONCE(sdev->access_state);
	state = mpdemo_alua_now(p, sdev);
	old = READ_ONCE(p->mdev.access_state);
	mpath_set_preferred(&p->mdev, raw & SCSI_ACCESS_STATE_PREFERRED);
	if (state == old)
		return;
	pr_info("%s/%s: array: %s is %s%s: path %s (was %s)\n",
		config_item_name(&p->head->group.cg_item), mpdemo_path_name(p),
		p->device,
		(raw & SCSI_ACCESS_STATE_MASK) < ARRAY_SIZE(mpdemo_alua_names) &&
		mpdemo_alua_names[raw & SCSI_ACCESS_STATE_MASK] ?
		mpdemo_alua_names[raw & SCSI_ACCESS_STATE_MASK] : "unknown",
		READ_ONCE(p->hint_valid) ? " (its port answers otherwise)" : "",
		mpath_access_state_name(state), mpath_access_state_name(old));
	mpath_set_access_state(&p->mdev, state);
	/* one report of the array gives every port's state: take them all */
	mpdemo_head_kick_checks(p->head);
}

/*
 * TEST UNIT READY, to a path the array keeps out of use: reads are
 * refused before they leave the host (the handler's prep_fn), a TUR is
 * not.  It answers whether the transport carries commands, and it lets a
 * unit attention the array queued for that path (its state changed) reach
 * the handler, which then reads the states again: a path that the array
 * moved back while nothing else talked to it is found that way, as
 * multipathd's TUR checker finds it.
 */

#ifdef MPATH_HAVE_RQ_END_IO_TAKES_IOB
#define MPDEMO_RQ_END_IO_ARGS	struct request *rq, blk_status_t status, \
				const struct io_comp_batch *iob
#else
#define MPDEMO_RQ_END_IO_ARGS	struct request *rq, blk_status_t status
#endif

/*
 * The state a NOT READY answer names (SPC: logical unit not accessible,
 * asymmetric access state transition / target port in standby /
 * unavailable state), from fixed or descriptor format sense.
 */
static enum mpath_access_state mpdemo_sense_state(const u8 *sense)
{
	u8 key, asc, ascq;

	switch (sense[0] & 0x7f) {
	case 0x70:
	case 0x71:
		key = sense[2] & 0xf;
		asc = sense[12];
		ascq = sense[13];
		break;
	case 0x72:
	case 0x73:
		key = sense[1] & 0xf;
		asc = sense[2];
		ascq = sense[3];
		break;
	default:
		return MPATH_STATE_NR;
	}
	if (key != NOT_READY || asc != 0x04)
		return MPATH_STATE_NR;
	switch (ascq) {
	case 0x0a:
		return MPATH_STATE_TRANSITIONING;
	case 0x0b:
	case 0x0c:
		return MPATH_STATE_INACCESSIBLE;
	default:
		return MPATH_STATE_NR;
	}
}

static enum rq_end_io_ret mpdemo_tur_end_io(MPDEMO_RQ_END_IO_ARGS)
{
	struct scsi_cmnd *scmd = blk_mq_rq_to_pdu(rq);
	struct mpdemo_probe *pr = rq->end_io_data;
	int result = scmd->result;

	if (result && host_byte(result) == DID_OK && scmd->sense_buffer)
		mpdemo_probe_hint(pr, mpdemo_sense_state(scmd->sense_buffer));
	/* the target answered (good, or a check condition): it is there */
	mpdemo_probe_complete(pr, status && (!result ||
					     host_byte(result) != DID_OK) ?
				  BLK_STS_TRANSPORT : BLK_STS_OK);
	return RQ_END_IO_FREE;
}

/**
 * mpdemo_alua_send_tur() - send a TEST UNIT READY to a path's device
 * @p: the slot
 * @pr: the probe it completes (mpdemo_probe_complete()), which holds a
 *	reference on this module until then
 * @timeout: in jiffies
 *
 * Context: process context (the check work).
 * Return: 0, or -ENODEV / -ENOMEM / the allocation's error when it could
 * not be sent (@pr is then not completed).
 */
int mpdemo_alua_send_tur(struct mpdemo_path *p, struct mpdemo_probe *pr,
			 unsigned long timeout)
{
	struct request *(*alloc)(struct request_queue *q, blk_opf_t opf,
				 blk_mq_req_flags_t flags);
	struct scsi_device *sdev = READ_ONCE(p->sdev);
	struct scsi_cmnd *scmd;
	struct request *rq;

	if (!sdev)
		return -ENODEV;
	alloc = symbol_get(scsi_alloc_request);
	if (!alloc)
		return -ENODEV;
	rq = alloc(sdev->request_queue, REQ_OP_DRV_IN, BLK_MQ_REQ_NOWAIT);
	symbol_put(scsi_alloc_request);
	if (IS_ERR(rq))
		return PTR_ERR(rq);
	scmd = blk_mq_rq_to_pdu(rq);
	scmd->cmnd[0] = TEST_UNIT_READY;
	scmd->cmd_len = 6;
	scmd->allowed = 0;
	rq->timeout = timeout;
	rq->rq_flags |= RQF_QUIET;
	rq->end_io = mpdemo_tur_end_io;
	rq->end_io_data = pr;
	blk_execute_rq_nowait(rq, false);
	return 0;
}
