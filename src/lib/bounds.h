/* Sizes of the fixed buffers the library keeps names in. */
#ifndef TMA_BOUNDS_H
#define TMA_BOUNDS_H

/* A language code with its NUL: a primary subtag ("en") or a short tag ("sr-Latn"); tma_lang_is_valid
 * accepts none that does not fit. */
#define TMA_LANG_BYTES 16

/* A path tmalign builds from a folder and a name, with its NUL (PATH_MAX on Linux). */
#define TMA_PATH_BYTES 4096

#endif
