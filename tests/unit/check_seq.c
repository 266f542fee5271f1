// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_seq.c - the RUN_CPU_SEQUENCER interpreter against a register model,
 * over every release: each opcode, and malformed buffers.
 *
 * Buffers are built with the wire layout of rpc_run_cpu_sequencer_v17_00
 * (nouveau's r535 gsp.c: u32 bufferSizeDWord, u32 cmdIndex, u32
 * regSaveArea[8], u32 commandBuffer[]) written out here independently of
 * the codec, and with the release's opcode numbers.
 */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "transport/nvgsp_seq.h"

static struct nvgsp_os_device seq_dev = { .name = "seq-test" };

static const char *const seq_releases[] = { "535.113.01", "570.144" };
#define NR_RELEASES (ARRAY_SIZE(seq_releases))

#define REGS_SIZE	0x10000u	/* the model's BAR0 */
#define REG_POLLED	0x1000u		/* becomes 0x80 after ready_reads reads */

struct seq_regs {
	u32 r[REGS_SIZE / 4];
	unsigned int writes;
	unsigned int ready_reads;	/* REG_POLLED reads before it is ready */
	unsigned int reads_polled;
	bool gone;			/* every register reads all ones */
};

static u32 seq_rd32(void *ctx, u32 off)
{
	struct seq_regs *m = ctx;

	if (m->gone)
		return 0xffffffffu;
	if (off == REG_POLLED && ++m->reads_polled > m->ready_reads)
		m->r[off / 4] |= 0x80;
	return m->r[off / 4];
}

static void seq_wr32(void *ctx, u32 off, u32 v)
{
	struct seq_regs *m = ctx;

	m->writes++;
	m->r[off / 4] = v;
}

static const struct nvgsp_os_bar_ops seq_bar_ops = { .rd32 = seq_rd32, .wr32 = seq_wr32 };

struct seq_core {
	unsigned int calls[4];
	int fail;
	u32 sleep_us;		/* each op sleeps this long */
};

static int seq_core_op(struct seq_core *c, unsigned int i)
{
	c->calls[i]++;
	if (c->sleep_us)
		nvgsp_os_usleep(c->sleep_us);
	return c->fail;
}

static int core_reset(void *ctx) { return seq_core_op(ctx, 0); }
static int core_start(void *ctx) { return seq_core_op(ctx, 1); }
static int core_halt(void *ctx) { return seq_core_op(ctx, 2); }
static int core_resume(void *ctx) { return seq_core_op(ctx, 3); }

static const struct nvgsp_seq_ops seq_ops = {
	.core_reset = core_reset, .core_start = core_start,
	.core_wait_for_halt = core_halt, .core_resume = core_resume,
};

static struct seq_regs *regs;
static struct nvgsp_os_bar bar;
static struct seq_core core;
static struct nvgsp_seq seq;
static u32 words[64];	/* the payload: 10 header words, then commands */
static unsigned int nwords;

static void seq_setup(int rel)
{
	const struct nvgsp_abi *abi = nvgsp_abi_find(seq_releases[rel]);

	ck_assert_ptr_nonnull(abi);
	unit_log_reset();
	regs = calloc(1, sizeof(*regs));
	ck_assert_ptr_nonnull(regs);
	bar = (struct nvgsp_os_bar){ .ops = &seq_bar_ops, .ctx = regs, .size = REGS_SIZE,
				     .name = "seq BAR0" };
	memset(&core, 0, sizeof(core));
	seq = (struct nvgsp_seq){ .dev = &seq_dev, .bar0 = &bar, .abi = abi,
				  .ops = &seq_ops, .ctx = &core };
	memset(words, 0, sizeof(words));
	nwords = 10;
}

static void seq_teardown(void)
{
	ck_assert_uint_eq(bar.bad_accesses, 0);
	free(regs);
}

/* Append one command: the release's number for @op, then @n operands. */
static void seq_add(u32 op, unsigned int n, const u32 *args)
{
	u32 number;

	ck_assert_int_eq(nvgsp_abi_seqop_number(seq.abi, op, &number), 0);
	ck_assert_uint_le(nwords + 1 + n, 64);
	words[nwords++] = number;
	memcpy(&words[nwords], args, n * 4);
	nwords += n;
}

#define ADD(op, ...) do {							\
	const u32 a_[] = { 0, ##__VA_ARGS__ };					\
	seq_add(NVGSP_ABI_SEQOP_##op, sizeof(a_) / 4 - 1, a_ + 1);		\
} while (0)

/* Run with cmdIndex = the words added and bufferSizeDWord = @extra more. */
static int seq_run_extra(unsigned int extra)
{
	words[0] = nwords - 10 + extra;
	words[1] = nwords - 10;
	return nvgsp_seq_run(&seq, words, nwords * 4);
}

static int seq_run(void)
{
	return seq_run_extra(0);
}

START_TEST(test_reg_write_modify_store)
{
	seq_setup(_i);
	regs->r[0x200 / 4] = 0xf0f0f0f0;
	regs->r[0x300 / 4] = 0x12345678;
	ADD(REG_WRITE, 0x100, 0xdeadbeef);
	ADD(REG_MODIFY, 0x200, 0x0000ff00, 0x00001200);
	ADD(REG_STORE, 0x300, 7);
	ADD(REG_STORE, 0x100, 0);
	ck_assert_int_eq(seq_run(), 0);
	ck_assert_uint_eq(regs->r[0x100 / 4], 0xdeadbeef);
	ck_assert_uint_eq(regs->r[0x200 / 4], 0xf0f012f0);
	ck_assert_uint_eq(seq.reg_save[7], 0x12345678);
	ck_assert_uint_eq(seq.reg_save[0], 0xdeadbeef);
	ck_assert_uint_eq(regs->writes, 2);
	seq_teardown();
}
END_TEST

START_TEST(test_empty_script)
{
	seq_setup(_i);
	ck_assert_int_eq(seq_run_extra(16), 0);	/* cmdIndex 0, as gpusim sends */
	ck_assert_uint_eq(regs->writes, 0);
	seq_teardown();
}
END_TEST

START_TEST(test_reg_poll)
{
	u64 t0;

	seq_setup(_i);
	regs->ready_reads = 20;
	ADD(REG_POLL, REG_POLLED, 0x80, 0x80, 1000000, 0x55);
	ck_assert_int_eq(seq_run(), 0);
	ck_assert_uint_gt(regs->reads_polled, 20);

	/* Never ready: fails after its timeout, naming register, mask, value. */
	nwords = 10;
	ADD(REG_POLL, 0x2000, 0xff, 0x01, 500, 0x77);
	t0 = nvgsp_os_time_ns();
	ck_assert_int_eq(seq_run(), -ETIMEDOUT);
	ck_assert_uint_ge(nvgsp_os_time_ns() - t0, 500 * 1000);
	ck_assert_uint_lt(nvgsp_os_time_ns() - t0, 2 * 1000 * 1000);
	ck_assert_ptr_nonnull(strstr(unit_log, "sequencer command 0: REG_POLL timed out after 500 us (asked 500 us): register 0x2000 & 0x000000ff reads 0x00000000, wanted 0x00000001 (error code 0x77)"));

	/* Timeout 0 means 4 s (virtual time). */
	nwords = 10;
	ADD(REG_POLL, 0x2000, 0xff, 0x01, 0, 0);
	t0 = nvgsp_os_time_ns();
	ck_assert_int_eq(seq_run(), -ETIMEDOUT);
	ck_assert_uint_ge(nvgsp_os_time_ns() - t0, 4000000000ull);
	ck_assert_uint_lt(nvgsp_os_time_ns() - t0, 4100000000ull);
	seq_teardown();
}
END_TEST

START_TEST(test_delay)
{
	u64 t0;

	seq_setup(_i);
	ADD(DELAY_US, 20);
	ADD(DELAY_US, 5000);
	t0 = nvgsp_os_time_ns();
	ck_assert_int_eq(seq_run(), 0);
	ck_assert_uint_ge(nvgsp_os_time_ns() - t0, 5020 * 1000);

	nwords = 10;
	ADD(DELAY_US, 5000000);
	ck_assert_int_eq(seq_run(), -EPROTO);
	ck_assert_ptr_nonnull(strstr(unit_log, "DELAY_US 5000000 us beyond the 1000000 us limit"));
	seq_teardown();
}
END_TEST

/* A maximal REG_POLL timeout (71 minutes) waits 4 s of virtual time. */
START_TEST(test_poll_capped)
{
	u64 t0;
	int k;

	seq_setup(_i);
	ADD(REG_POLL, 0x2000, 0xff, 0x01, 0xffffffff, 0x9);
	t0 = nvgsp_os_time_ns();
	ck_assert_int_eq(seq_run(), -ETIMEDOUT);
	ck_assert_uint_ge(nvgsp_os_time_ns() - t0, 4000000000ull);
	ck_assert_uint_lt(nvgsp_os_time_ns() - t0, 4100000000ull);
	ck_assert_ptr_nonnull(strstr(unit_log, "seq-test: sequencer command 0: REG_POLL timed out after 4000000 us (asked 4294967295 us): register 0x2000 & 0x000000ff reads 0x00000000, wanted 0x00000001 (error code 0x9)"));

	/* Polls are cut to the script's time left: 9 s of delays, then 1 s. */
	unit_log_reset();
	nwords = 10;
	for (k = 0; k < 9; k++)
		ADD(DELAY_US, 1000000);
	ADD(REG_POLL, 0x2000, 0xff, 0x01, 0xffffffff, 0);
	ADD(REG_WRITE, 0x100, 1);
	t0 = nvgsp_os_time_ns();
	ck_assert_int_eq(seq_run(), -ETIMEDOUT);
	ck_assert_uint_ge(nvgsp_os_time_ns() - t0, 10000000000ull);
	ck_assert_uint_lt(nvgsp_os_time_ns() - t0, 10100000000ull);
	ck_assert_ptr_nonnull(strstr(unit_log, "sequencer command 9: REG_POLL timed out after 1000000 us (asked 4294967295 us)"));
	ck_assert_uint_eq(regs->r[0x100 / 4], 0);
	seq_teardown();
}
END_TEST

/* Delays adding up to more than the script's 10 s: refused before any runs. */
START_TEST(test_delay_flood)
{
	u64 t0;
	int k;

	seq_setup(_i);
	ADD(REG_WRITE, 0x100, 1);
	for (k = 0; k < 11; k++)
		ADD(DELAY_US, 1000000);
	t0 = nvgsp_os_time_ns();
	ck_assert_int_eq(seq_run(), -EPROTO);
	ck_assert_uint_lt(nvgsp_os_time_ns() - t0, 1000000ull);
	ck_assert_ptr_nonnull(strstr(unit_log, "seq-test: sequencer command 11: DELAY_US brings the script's delays to 11000000 us, beyond its 10000000 us limit"));
	ck_assert_uint_eq(regs->writes, 0);

	/* Ten seconds of delays are within the limit; a second run starts afresh. */
	nwords = 10;
	for (k = 0; k < 10; k++)
		ADD(DELAY_US, 1000000);
	ck_assert_int_eq(seq_run(), 0);
	t0 = nvgsp_os_time_ns();
	ck_assert_int_eq(seq_run(), 0);
	ck_assert_uint_ge(nvgsp_os_time_ns() - t0, 10000000000ull);
	ck_assert_uint_lt(nvgsp_os_time_ns() - t0, 10100000000ull);
	seq_teardown();
}
END_TEST

/* A command reached after the script's time is up does not run. */
START_TEST(test_script_time_up)
{
	seq_setup(_i);
	core.sleep_us = 11000000;
	ADD(CORE_WAIT_FOR_HALT);
	ADD(REG_WRITE, 0x100, 1);
	ck_assert_int_eq(seq_run(), -ETIMEDOUT);
	ck_assert_uint_eq(core.calls[2], 1);
	ck_assert_uint_eq(regs->writes, 0);
	ck_assert_ptr_nonnull(strstr(unit_log, "sequencer command 1: REG_WRITE not run: the script has used up its 10000000 us"));
	seq_teardown();
}
END_TEST

/* A device gone from the bus: REG_POLL fails at once, not after 4 s. */
START_TEST(test_poll_all_ones)
{
	u64 t0;

	seq_setup(_i);
	/* A register that really reads all ones (NV_PMC_BOOT_0 does not). */
	regs->r[0x2000 / 4] = 0xffffffff;
	ADD(REG_POLL, 0x2000, 0xff, 0xff, 0, 0);
	ck_assert_int_eq(seq_run(), 0);
	nwords = 10;
	ADD(REG_POLL, 0x2000, 0xff, 0x01, 100, 0);
	ck_assert_int_eq(seq_run(), -ETIMEDOUT);

	unit_log_reset();
	regs->gone = true;
	nwords = 10;
	ADD(REG_POLL, 0x2000, 0xff, 0xff, 0, 0x5);
	ADD(REG_WRITE, 0x100, 1);
	t0 = nvgsp_os_time_ns();
	ck_assert_int_eq(seq_run(), -ENODEV);
	ck_assert_uint_lt(nvgsp_os_time_ns() - t0, 1000000ull);
	ck_assert_ptr_nonnull(strstr(unit_log, "seq-test: sequencer command 0: REG_POLL register 0x2000 and NV_PMC_BOOT_0 read 0xffffffff: the device is gone"));
	ck_assert_uint_eq(regs->writes, 0);
	seq_teardown();
}
END_TEST

START_TEST(test_core_ops)
{
	seq_setup(_i);
	ADD(CORE_RESET);
	ADD(CORE_START);
	ADD(CORE_WAIT_FOR_HALT);
	ADD(CORE_RESUME);
	ADD(REG_WRITE, 0x10, 1);
	ck_assert_int_eq(seq_run(), 0);
	ck_assert_uint_eq(core.calls[0], 1);
	ck_assert_uint_eq(core.calls[1], 1);
	ck_assert_uint_eq(core.calls[2], 1);
	ck_assert_uint_eq(core.calls[3], 1);
	ck_assert_uint_eq(regs->r[0x10 / 4], 1);

	/* An op's error stops the script. */
	core.fail = -EIO;
	regs->r[0x10 / 4] = 0;
	ck_assert_int_eq(seq_run(), -EIO);
	ck_assert_uint_eq(core.calls[0], 2);
	ck_assert_uint_eq(core.calls[1], 1);
	ck_assert_uint_eq(regs->r[0x10 / 4], 0);
	ck_assert_ptr_nonnull(strstr(unit_log, "sequencer command 0: CORE_RESET failed (-5)"));

	/* No operations given. */
	seq.ops = NULL;
	ck_assert_int_eq(seq_run(), -EOPNOTSUPP);
	ck_assert_ptr_nonnull(strstr(unit_log, "CORE_RESET, but no such core operation was given"));
	seq_teardown();
}
END_TEST

START_TEST(test_malformed)
{
	u32 bad = 0x7777;

	seq_setup(_i);
	/* Shorter than the header. */
	ck_assert_int_eq(nvgsp_seq_run(&seq, words, 39), -EPROTO);
	ck_assert_ptr_nonnull(strstr(unit_log, "payload of 39 bytes, shorter than its 40-byte header"));

	/* cmdIndex beyond the words received, and beyond bufferSizeDWord. */
	ADD(REG_WRITE, 0x100, 1);
	words[0] = 3;
	words[1] = 4;
	ck_assert_int_eq(nvgsp_seq_run(&seq, words, nwords * 4), -EPROTO);
	ck_assert_ptr_nonnull(strstr(unit_log, "cmdIndex 4 words beyond the buffer (bufferSizeDWord 3, 3 words received)"));
	words[0] = 2;
	words[1] = 3;
	ck_assert_int_eq(nvgsp_seq_run(&seq, words, nwords * 4), -EPROTO);
	ck_assert_ptr_nonnull(strstr(unit_log, "cmdIndex 3 words beyond the buffer (bufferSizeDWord 2"));
	ck_assert_uint_eq(regs->writes, 0);

	/* A command cut short: REG_POLL with 2 of its 5 operands. */
	unit_log_reset();
	nwords = 10;
	ADD(REG_WRITE, 0x100, 1);
	ADD(REG_POLL, 0x100, 1);
	ck_assert_int_eq(seq_run(), -EPROTO);
	ck_assert_ptr_nonnull(strstr(unit_log, "sequencer command 1 (word 3): REG_POLL truncated: 5 operands, 2 words left"));

	/* Unknown opcode: nothing after it runs. */
	unit_log_reset();
	nwords = 10;
	words[nwords++] = bad;
	ADD(REG_WRITE, 0x104, 1);
	ck_assert_int_eq(seq_run(), -EPROTO);
	ck_assert_ptr_nonnull(strstr(unit_log, "sequencer command 0 (word 0): unknown opcode 30583"));
	ck_assert_uint_eq(regs->r[0x104 / 4], 0);

	/* Registers outside the window or unaligned, for every register opcode. */
	unit_log_reset();
	nwords = 10;
	ADD(REG_WRITE, REGS_SIZE, 1);
	ck_assert_int_eq(seq_run(), -EPROTO);
	ck_assert_ptr_nonnull(strstr(unit_log, "sequencer command 0: REG_WRITE register 0x10000 outside BAR0 (0x10000 bytes) or unaligned"));
	nwords = 10;
	ADD(REG_MODIFY, 0xfffffffc, 1, 1);
	ck_assert_int_eq(seq_run(), -EPROTO);
	ck_assert_ptr_nonnull(strstr(unit_log, "REG_MODIFY register 0xfffffffc outside BAR0"));
	nwords = 10;
	ADD(REG_POLL, 0x102, 1, 1, 1, 0);
	ck_assert_int_eq(seq_run(), -EPROTO);
	ck_assert_ptr_nonnull(strstr(unit_log, "REG_POLL register 0x102 outside BAR0"));
	nwords = 10;
	ADD(REG_STORE, REGS_SIZE - 2, 0);
	ck_assert_int_eq(seq_run(), -EPROTO);
	ck_assert_ptr_nonnull(strstr(unit_log, "REG_STORE register 0xfffe outside BAR0"));

	/* REG_STORE beyond the save area. */
	nwords = 10;
	ADD(REG_STORE, 0x100, 8);
	ck_assert_int_eq(seq_run(), -EPROTO);
	ck_assert_ptr_nonnull(strstr(unit_log, "REG_STORE index 8 beyond the 8-entry save area"));
	ck_assert_uint_eq(regs->writes, 0);
	seq_teardown();
}
END_TEST

START_TEST(test_no_codec)
{
	struct nvgsp_abi_codec codecs[NVGSP_ABI_NR_CODECS];
	struct nvgsp_abi fake;

	seq_setup(_i);
	fake = *seq.abi;
	memcpy(codecs, fake.codecs, sizeof(codecs));
	codecs[NVGSP_ABI_CODEC_SEQUENCER].encode = NULL;
	fake.codecs = codecs;
	seq.abi = &fake;
	ck_assert_int_eq(seq_run(), -EOPNOTSUPP);
	ck_assert_ptr_nonnull(strstr(unit_log, "has no SEQUENCER codec"));
	seq_teardown();
}
END_TEST

/* Opcode numbers as nouveau's rmgspseq.h has them, in both releases. */
START_TEST(test_opcode_numbers)
{
	static const u32 want[NVGSP_ABI_NR_SEQOP] = { 0, 1, 2, 3, 4, 5, 6, 7, 8 };
	const struct nvgsp_abi *abi = nvgsp_abi_find(seq_releases[_i]);
	u32 op, n;

	ck_assert_ptr_nonnull(abi);
	for (op = 0; op < NVGSP_ABI_NR_SEQOP; op++) {
		ck_assert_int_eq(nvgsp_abi_seqop_number(abi, op, &n), 0);
		ck_assert_uint_eq(n, want[op]);
	}
	ck_assert_uint_eq(nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_SEQUENCER), 40);
}
END_TEST

Suite *nvgsp_suite_seq(void)
{
	Suite *s = suite_create("seq");
	TCase *tc = tcase_create("opcodes");

	tcase_add_loop_test(tc, test_opcode_numbers, 0, NR_RELEASES);
	tcase_add_loop_test(tc, test_reg_write_modify_store, 0, NR_RELEASES);
	tcase_add_loop_test(tc, test_empty_script, 0, NR_RELEASES);
	tcase_add_loop_test(tc, test_reg_poll, 0, NR_RELEASES);
	tcase_add_loop_test(tc, test_delay, 0, NR_RELEASES);
	tcase_add_loop_test(tc, test_core_ops, 0, NR_RELEASES);
	suite_add_tcase(s, tc);
	tc = tcase_create("bounds");
	tcase_add_loop_test(tc, test_poll_capped, 0, NR_RELEASES);
	tcase_add_loop_test(tc, test_delay_flood, 0, NR_RELEASES);
	tcase_add_loop_test(tc, test_script_time_up, 0, NR_RELEASES);
	tcase_add_loop_test(tc, test_poll_all_ones, 0, NR_RELEASES);
	suite_add_tcase(s, tc);
	tc = tcase_create("malformed");
	tcase_add_loop_test(tc, test_malformed, 0, NR_RELEASES);
	tcase_add_loop_test(tc, test_no_codec, 0, NR_RELEASES);
	suite_add_tcase(s, tc);
	return s;
}
