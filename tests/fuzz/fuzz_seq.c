// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz_seq.c - libFuzzer target for the CPU sequencer
 * (src/transport/nvgsp_seq.c: nvgsp_seq_run(), the RUN_CPU_SEQUENCER
 * payload GSP-RM sends during boot and resume).
 *
 * Input: byte 0 picks the release table, byte 1 the model's behaviour, the
 * rest is the event's payload (rpc_run_cpu_sequencer header, then the
 * command buffer), handed over at exactly its length.
 *
 *   byte 1 bits 1:0  the device: 0 answers (registers keep what is
 *                    written), 1 reads all ones everywhere (gone), 2 every
 *                    register but NV_PMC_BOOT_0 reads all ones, 3 registers
 *                    read what was written XOR a counter (polls may never match)
 *   byte 1 bit 2     the core operations (CORE_RESET...) fail with -EIO
 *   byte 1 bit 3     no core operations at all
 *
 * Time is the OS layer's virtual clock (delays and polls advance it
 * without sleeping). Checked: the errno is one nvgsp_seq_run() names; a
 * script the checker refuses (-EPROTO) touched no register and called no
 * core operation; no script runs longer than the caps allow (10 s for the
 * whole script, which a last DELAY_US of at most 1 s and a last poll
 * interval of at most 1 ms may overrun); register accesses stay in BAR0.
 *
 * Seeds (seeds_seq.list, "%gen seq_seeds"): this file compiled with
 * NVGSP_FUZZ_SEEDS writes, per release, scripts with every opcode (the
 * numbers from the release's seqop map, the header from its SEQUENCER
 * codec): an empty one, GSP-RM's resume script, polls that match and that
 * time out, long delays, a maximal REG_POLL.
 */
#define NVGSP_FUZZ_GSP
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "transport/nvgsp_seq.h"
#include "chip/regs/nvgsp_regs_pmc.h"
#include "fuzz_common.h"

#define BAR0_SIZE	0x1000000u
/* The caps of nvgsp_seq.h: 10 s a script, 1 s a delay, 1 ms a poll interval. */
#define SCRIPT_MAX_NS	(10ull * 1000 * 1000 * 1000)
#define OVERRUN_NS	(1000ull * 1000 * 1000 + 1000 * 1000)

#ifdef NVGSP_FUZZ_SEEDS

struct script {
	const struct nvgsp_abi *abi;
	u32 w[256];
	u32 n;
};

static void op(struct script *s, u32 id, unsigned int nargs, const u32 *args)
{
	u32 number = 0;
	unsigned int i;

	if (nvgsp_abi_seqop_number(s->abi, id, &number))
		exit(1);
	s->w[s->n++] = number;
	for (i = 0; i < nargs; i++)
		s->w[s->n++] = args[i];
}

static int write_script(const char *dir, const char *name, u8 rel, u8 mode, struct script *s)
{
	u32 hsz = nvgsp_abi_codec_size(s->abi, NVGSP_ABI_CODEC_SEQUENCER);
	struct nvgsp_abi_sequencer h = { .buffer_size_dword = s->n, .cmd_index = s->n };
	u8 buf[2 + 64 + sizeof(s->w)] = { rel, mode };
	size_t len = 2 + hsz + 4 * s->n;
	char path[4096];
	u32 i;

	if (!hsz || 2 + hsz > 2 + 64 ||
	    nvgsp_abi_encode(s->abi, NVGSP_ABI_CODEC_SEQUENCER, &h, buf + 2, hsz) < 0)
		return 1;
	for (i = 0; i < s->n; i++)
		put_unaligned_le32(s->w[i], buf + 2 + hsz + 4 * i);
	snprintf(path, sizeof(path), "%s/%s-%u-%u", dir, name, rel, mode);
	return fuzz_seed_write(path, NULL, 0, buf, len);
}

int main(int argc, char **argv)
{
	size_t n, i;
	int bad = 0;
	u8 rel;

	if (!fuzz_seed_dir(argc, argv))
		return 2;
	nvgsp_abi_tables(&n);
	for (rel = 0; rel < n; rel++) {
		struct script s = { .abi = fuzz_abi(rel) };

		bad |= write_script(argv[1], "empty", rel, 0, &s);

		/* Every opcode once, polls that match what was written. */
		op(&s, NVGSP_ABI_SEQOP_REG_WRITE, 2, (u32[]){ 0x110040, 0x1234 });
		op(&s, NVGSP_ABI_SEQOP_REG_MODIFY, 3, (u32[]){ 0x110040, 0xff00, 0x5600 });
		op(&s, NVGSP_ABI_SEQOP_REG_POLL, 5, (u32[]){ 0x110040, 0xffff, 0x5634, 1000, 7 });
		op(&s, NVGSP_ABI_SEQOP_DELAY_US, 1, (u32[]){ 50 });
		op(&s, NVGSP_ABI_SEQOP_DELAY_US, 1, (u32[]){ 2000 });
		op(&s, NVGSP_ABI_SEQOP_REG_STORE, 2, (u32[]){ 0x110040, 3 });
		op(&s, NVGSP_ABI_SEQOP_CORE_RESET, 0, NULL);
		op(&s, NVGSP_ABI_SEQOP_CORE_START, 0, NULL);
		op(&s, NVGSP_ABI_SEQOP_CORE_WAIT_FOR_HALT, 0, NULL);
		op(&s, NVGSP_ABI_SEQOP_CORE_RESUME, 0, NULL);
		bad |= write_script(argv[1], "all", rel, 0, &s);
		bad |= write_script(argv[1], "all", rel, 4, &s);
		bad |= write_script(argv[1], "all", rel, 8, &s);
		bad |= write_script(argv[1], "all", rel, 1, &s);

		/* A poll that never matches, with the largest timeout GSP-RM can ask. */
		s.n = 0;
		op(&s, NVGSP_ABI_SEQOP_REG_POLL, 5, (u32[]){ 0x118000, 1, 1, 0xffffffff, 9 });
		op(&s, NVGSP_ABI_SEQOP_REG_POLL, 5, (u32[]){ 0x118000, 1, 1, 0, 9 });
		op(&s, NVGSP_ABI_SEQOP_REG_POLL, 5, (u32[]){ 0x118000, 1, 1, 3000000, 9 });
		op(&s, NVGSP_ABI_SEQOP_REG_WRITE, 2, (u32[]){ 0x118000, 1 });
		bad |= write_script(argv[1], "poll-max", rel, 0, &s);
		bad |= write_script(argv[1], "poll-max", rel, 2, &s);

		/* Delays up to the script's cap. */
		s.n = 0;
		for (i = 0; i < 10; i++)
			op(&s, NVGSP_ABI_SEQOP_DELAY_US, 1, (u32[]){ 1000000 });
		op(&s, NVGSP_ABI_SEQOP_REG_POLL, 5, (u32[]){ 0x118000, 1, 1, 100, 9 });
		bad |= write_script(argv[1], "delays", rel, 3, &s);
	}
	return bad;
}

#else /* the fuzz target */

/* A register file: a few hundred registers keep what is written. */
#define REGS 256

struct model {
	u32 addr[REGS];
	u32 val[REGS];
	u8 mode;
	u32 counter;
	u32 accesses;	/* reads and writes of registers other than BOOT_0 */
	u32 core_calls;
};

static u32 *reg(struct model *m, u32 offset)
{
	u32 h = (offset >> 2) % REGS;

	if (m->addr[h] != offset) {
		m->addr[h] = offset;
		m->val[h] = 0;
	}
	return &m->val[h];
}

static u32 seq_rd32(void *ctx, u32 offset)
{
	struct model *m = ctx;

	CHECK(offset < BAR0_SIZE && !(offset & 3));
	if (offset == NV_PMC_BOOT_0)
		return (m->mode & 3) == 1 ? 0xffffffffu : 0x172000a1u;
	m->accesses++;
	switch (m->mode & 3) {
	case 1:
	case 2:
		return 0xffffffffu;
	case 3:
		return *reg(m, offset) ^ m->counter++;
	default:
		return *reg(m, offset);
	}
}

static void seq_wr32(void *ctx, u32 offset, u32 value)
{
	struct model *m = ctx;

	CHECK(offset < BAR0_SIZE && !(offset & 3));
	m->accesses++;
	*reg(m, offset) = value;
}

static const struct nvgsp_os_bar_ops seq_bar_ops = { .rd32 = seq_rd32, .wr32 = seq_wr32 };

static int core_op(void *ctx)
{
	struct model *m = ctx;

	m->core_calls++;
	return m->mode & 4 ? -EIO : 0;
}

static const struct nvgsp_seq_ops core_ops = {
	.core_reset = core_op,
	.core_start = core_op,
	.core_wait_for_halt = core_op,
	.core_resume = core_op,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct model m;
	static bool inited;
	struct nvgsp_os_device dev = { .name = NAME };
	struct nvgsp_os_bar bar = { .ops = &seq_bar_ops, .ctx = &m, .size = BAR0_SIZE,
				    .name = "fuzz BAR0" };
	struct nvgsp_seq seq = { .dev = &dev, .bar0 = &bar };
	u64 start;
	u8 *payload;
	size_t len;
	int ret;

	if (!inited) {
		fuzz_log_init();
		inited = true;
	}
	if (size < 2)
		return 0;
	memset(&m, 0, sizeof(m));
	m.mode = data[1];
	seq.abi = fuzz_abi(data[0]);
	seq.ops = m.mode & 8 ? NULL : &core_ops;
	seq.ctx = &m;
	len = size - 2;
	payload = malloc(len ? len : 1);
	CHECK(payload);
	memcpy(payload, data + 2, len);

	start = nvgsp_os_time_ns();
	ret = nvgsp_seq_run(&seq, payload, len);
	free(payload);

	CHECK(!bar.bad_accesses);
	CHECK(nvgsp_os_time_ns() - start <= SCRIPT_MAX_NS + OVERRUN_NS);
	switch (ret) {
	case 0:
		break;
	case -EPROTO:		/* refused by the checker, before anything ran */
	case -ETIMEDOUT:
		break;
	case -ENODEV:
		CHECK((m.mode & 3) == 1);
		break;
	case -EIO:
		CHECK(m.mode & 4 && m.core_calls);
		break;
	case -EOPNOTSUPP:
		CHECK(m.mode & 8);
		break;
	default:
		CHECK(0);
	}
	if (ret == -EPROTO)
		CHECK(!m.accesses && !m.core_calls);	/* a malformed script changes nothing */
	return 0;
}

#endif /* NVGSP_FUZZ_SEEDS */
