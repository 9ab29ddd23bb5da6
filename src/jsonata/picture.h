/* Integer pictures (XPath F&O 3.1 format-integer) shared by the
 * formatting and parsing built-ins. Private to src/jsonata. */
#ifndef SFN_JSONATA_PICTURE_H
#define SFN_JSONATA_PICTURE_H

#include <stddef.h>

#include "sfn/util.h"

#define PIC_MAX_GROUPS 32 /* grouping separators in one picture */

enum jn_pic_kind { PIC_DECIMAL, PIC_LETTERS, PIC_ROMAN, PIC_WORDS };

struct jn_ipic {
	enum jn_pic_kind kind;
	int upper, title, ordinal;
	unsigned long zero;               /* the digit family's zero */
	size_t mandatory;                 /* digits always printed */
	size_t optional;                  /* '#' places */
	size_t group_pos[PIC_MAX_GROUPS]; /* digits right of each separator */
	unsigned long group_ch[PIC_MAX_GROUPS];
	size_t ngroups;
	size_t regular; /* repeat interval, 0 when irregular */
};

/* The value of CH as a decimal digit of any family (-1 if none); *ZERO
 * (when not NULL) receives its family's zero. */
long Sfn_jn_pic_digit(unsigned long ch, unsigned long *zero);
/* Parses the picture P (N code points). Returns 0, or -3130 / -3131
 * for JSONata's D3130 / D3131. */
int Sfn_jn_pic_parse(const unsigned long *p, size_t n, struct jn_ipic *pic);
void Sfn_jn_pic_format(double v, const struct jn_ipic *pic, struct sfn_buf *b);
/* Reads the text S (N code points) as PIC writes numbers. */
double Sfn_jn_pic_read(const unsigned long *s, size_t n,
                       const struct jn_ipic *pic);

/* Appends a PCRE2 pattern that matches numbers written in words. */
void Sfn_jn_pic_words_regex(struct sfn_buf *b);

#endif
