/* The shared context and the per-thread worker, seen from the stages that use them. Both structs
 * are private to context.c; the stages reach what they need through the accessors below, which
 * name the stage's type by its struct tag only, so that this header includes no stage's header
 * and a low stage (doc.c) does not see a high one (align.h). A caller that dereferences what an
 * accessor returns includes that stage's header itself. */
#ifndef TMA_CONTEXT_H
#define TMA_CONTEXT_H

#include "tmalign.h"

struct tma_align_scratch;
struct tma_learned;
struct tma_lexicon;
struct tma_anchor_scratch;
struct tma_anchor_tables;
struct tma_seg_iterators;
struct tma_seg_rules;
struct tma_stem_dicts;
struct tma_translit;

/* The options CTX was built with, the paragraph penalty's default filled in. Borrowed from CTX. */
const tma_options *tma_ctx_options(const tma_ctx *ctx);

/* The splitting rules for LANG (its primary subtag decides). Borrowed from CTX. */
const struct tma_seg_rules *tma_ctx_rules(const tma_ctx *ctx, const char *lang);

/* The anchor tables (numbers, names, transliteration data). Borrowed from CTX; only read. */
const struct tma_anchor_tables *tma_ctx_anchor_tables(const tma_ctx *ctx);

/* The hunspell dictionaries. Borrowed from CTX; they load on first use under their own lock, so
 * threads may share them, hence not const. */
struct tma_stem_dicts *tma_ctx_dicts(tma_ctx *ctx);

/* The word knowledge for the languages LA and LB, read on the first call for the pair (in either
 * order) under a lock: the installed dictionaries and the glossary of the options. Stores it in
 * *out (borrowed from CTX; NULL when the options leave word knowledge out or nothing is known for
 * the pair), the pair's learned lexicon in *learned (NULL: none set), and in *swapped whether
 * *out's first language is LB. A source that cannot be read fails this call and every later one
 * for the pair, with the same error. Thread-safe. */
int tma_ctx_lexicon(struct tma_lexicon **out, const struct tma_learned **learned, int *swapped,
                    tma_ctx *ctx, const char *la, const char *lb, tma_error *err);

/* Gives CTX the learned lexicon LEARNED for its pair of languages (CTX owns it from then on,
 * also when this fails), replacing one set before. Set it while no story is being aligned: the
 * lexicons a running alignment borrowed stay valid only until then. Returns 0, or TMA_ERR_LIMIT
 * when CTX holds too many pairs. */
int tma_ctx_set_learned(tma_ctx *ctx, struct tma_learned *learned, tma_error *err);

/* 1 when the pair LA, LB has dictionaries or a glossary, 0 when not (or the options leave word
 * knowledge out), or a negative tma_status when a source cannot be read. */
int tma_ctx_pair_has_lexicon(tma_ctx *ctx, const char *la, const char *lb, tma_error *err);

/* The ctx W was made on. Borrowed. */
tma_ctx *tma_worker_ctx(const tma_worker *w);

/* W's scratch for each stage: owned by W, borrowed by the caller, used by W's thread only. */
struct tma_seg_iterators *tma_worker_iterators(tma_worker *w);
struct tma_anchor_scratch *tma_worker_anchor_scratch(tma_worker *w);
struct tma_align_scratch *tma_worker_align_scratch(tma_worker *w);

/* W's transliterator (part of its anchor scratch), for the QA checks. Borrowed from W. */
struct tma_translit *tma_worker_translit(tma_worker *w);

#endif
