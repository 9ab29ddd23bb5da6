/* Integer pictures of XPath F&O 3.1 (format-integer), as $formatInteger
 * and $parseInteger use them: decimal digit patterns of any Unicode digit
 * family with grouping separators, ordinals, roman numerals, letters and
 * English words. Text is handled as arrays of code points. Knows nothing
 * of evaluation. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "jsonata/jsonata_int.h"
#include "jsonata/picture.h"

#define ROMAN_MAX 1e6 /* larger numbers print as decimal digits */

/* The zeros of the decimal digit families a picture may use. */
static const unsigned long zeros[] = {
	0x30,    0x660,   0x6f0,   0x7c0,   0x966,  0x9e6,   0xa66,   0xae6,
	0xb66,   0xbe6,   0xc66,   0xce6,   0xd66,  0xde6,   0xe50,   0xed0,
	0xf20,   0x1040,  0x1090,  0x17e0,  0x1810, 0x1946,  0x19d0,  0x1a80,
	0x1a90,  0x1b50,  0x1bb0,  0x1c40,  0x1c50, 0xa620,  0xa8d0,  0xa900,
	0xa9d0,  0xa9f0,  0xaa50,  0xabf0,  0xff10, 0x104a0, 0x11066, 0x1d7ce,
	0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6,
};

long Sfn_jn_pic_digit(unsigned long ch, unsigned long *zero)
{
	for (size_t i = 0; i < sizeof(zeros) / sizeof(zeros[0]); i++) {
		if (ch >= zeros[i] && ch < zeros[i] + 10) {
			if (zero != NULL)
				*zero = zeros[i];
			return (long) (ch - zeros[i]);
		}
	}
	return -1;
}

static int is_alnum(unsigned long ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       Sfn_jn_pic_digit(ch, NULL) >= 0 || ch > 0x7f;
}

/* The decimal form: mandatory digits, family, grouping. */
static int decimal(const unsigned long *p, size_t n, struct jn_ipic *pic)
{
	size_t digits = 0;
	int family = 0;

	pic->kind = PIC_DECIMAL;
	for (size_t i = n; i-- > 0;) {
		unsigned long zero;

		if (p[i] == '#') {
			digits++;
			pic->optional++;
		} else if (Sfn_jn_pic_digit(p[i], &zero) >= 0) {
			if (family && zero != pic->zero)
				return -3131;
			family = 1;
			pic->zero = zero;
			pic->mandatory++;
			digits++;
		} else if (!is_alnum(p[i]) && pic->ngroups < PIC_MAX_GROUPS) {
			pic->group_pos[pic->ngroups] = digits;
			pic->group_ch[pic->ngroups++] = p[i];
		} else {
			return -3130;
		}
	}
	if (!family)
		return -3130;
	pic->regular = 0;
	if (pic->ngroups > 0) {
		size_t first = pic->group_pos[0];

		pic->regular = first;
		for (size_t i = 0; i < pic->ngroups; i++) {
			if (pic->group_pos[i] != first * (i + 1) ||
			    pic->group_ch[i] != pic->group_ch[0])
				pic->regular = 0;
		}
	}
	return 0;
}

int Sfn_jn_pic_parse(const unsigned long *p, size_t n, struct jn_ipic *pic)
{
	size_t semi = n;

	memset(pic, 0, sizeof(*pic));
	for (size_t i = n; i-- > 0;) {
		if (p[i] == ';') {
			semi = i;
			break;
		}
	}
	if (semi < n && semi + 1 < n && p[semi + 1] == 'o')
		pic->ordinal = 1;
	n = semi;
	if (n == 1 && strchr("AaIiWw", (int) p[0]) != NULL && p[0] != 0) {
		pic->kind = strchr("Aa", (int) p[0])   ? PIC_LETTERS
		            : strchr("Ii", (int) p[0]) ? PIC_ROMAN
		                                       : PIC_WORDS;
		pic->upper = p[0] < 'a';
		return 0;
	}
	if (n == 2 && p[0] == 'W' && p[1] == 'w') {
		pic->kind = PIC_WORDS;
		pic->title = 1;
		return 0;
	}
	return decimal(p, n, pic);
}

static const char *const few[] = {
	"Zero",    "One",     "Two",       "Three",    "Four",
	"Five",    "Six",     "Seven",     "Eight",    "Nine",
	"Ten",     "Eleven",  "Twelve",    "Thirteen", "Fourteen",
	"Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen",
};
static const char *const few_ord[] = {
	"Zeroth",    "First",     "Second",      "Third",      "Fourth",
	"Fifth",     "Sixth",     "Seventh",     "Eighth",     "Ninth",
	"Tenth",     "Eleventh",  "Twelfth",     "Thirteenth", "Fourteenth",
	"Fifteenth", "Sixteenth", "Seventeenth", "Eighteenth", "Nineteenth",
};
static const char *const decades[] = {
	"Twenty", "Thirty",  "Forty",  "Fifty",
	"Sixty",  "Seventy", "Eighty", "Ninety"
};
static const char *const decades_ord[] = {
	"Twentieth", "Thirtieth",  "Fortieth",  "Fiftieth",
	"Sixtieth",  "Seventieth", "Eightieth", "Ninetieth",
};
static const char *const magnitudes[] = { "Thousand", "Million", "Billion",
	                                  "Trillion" };

static void words(double num, int prev, int ord, struct sfn_buf *b)
{
	if (num <= 19) {
		sfn_buf_adds(b, prev ? " and " : "");
		sfn_buf_adds(b, (ord ? few_ord : few)[(int) num]);
	} else if (num < 100) {
		int tens = (int) (num / 10), rem = (int) fmod(num, 10);

		sfn_buf_adds(b, prev ? " and " : "");
		sfn_buf_adds(b, ord && rem == 0 ? decades_ord[tens - 2]
		                                : decades[tens - 2]);
		if (rem > 0) {
			sfn_buf_addc(b, '-');
			words(rem, 0, ord, b);
		}
	} else if (num < 1000) {
		double rem = fmod(num, 100);

		sfn_buf_adds(b, prev ? ", " : "");
		sfn_buf_adds(b, few[(int) (num / 100)]);
		sfn_buf_adds(b, " Hundred");
		if (rem == 0 && ord)
			sfn_buf_adds(b, "th");
		else if (rem > 0)
			words(rem, 1, ord, b);
	} else {
		int mag = (int) floor(log10(num) / 3);
		double factor, mant, rem;

		if (mag > 4)
			mag = 4;
		factor = pow(10, mag * 3);
		mant = floor(num / factor);
		rem = num - mant * factor;
		sfn_buf_adds(b, prev ? ", " : "");
		words(mant, 0, 0, b);
		sfn_buf_addc(b, ' ');
		sfn_buf_adds(b, magnitudes[mag - 1]);
		if (rem == 0 && ord)
			sfn_buf_adds(b, "th");
		else if (rem > 0)
			words(rem, 1, ord, b);
	}
}

static void recase(struct sfn_buf *b, size_t from, const struct jn_ipic *p)
{
	for (size_t i = from; i < b->len; i++) {
		char ch = b->data[i];

		if (p->title)
			continue;
		if (p->upper && ch >= 'a' && ch <= 'z')
			b->data[i] = (char) (ch - 32);
		else if (!p->upper && ch >= 'A' && ch <= 'Z')
			b->data[i] = (char) (ch + 32);
	}
}

static void roman(double v, int upper, struct sfn_buf *b)
{
	static const struct {
		int v;
		const char *s;
	} r[] = { { 1000, "m" }, { 900, "cm" }, { 500, "d" }, { 400, "cd" },
		  { 100, "c" },  { 90, "xc" },  { 50, "l" },  { 40, "xl" },
		  { 10, "x" },   { 9, "ix" },   { 5, "v" },   { 4, "iv" },
		  { 1, "i" } };

	for (size_t i = 0; i < 13; i++) {
		while (v >= r[i].v) {
			for (const char *s = r[i].s; *s; s++)
				sfn_buf_addc(b, (char) (upper ? *s - 32 : *s));
			v -= r[i].v;
		}
	}
}

static void letters(double v, int upper, struct sfn_buf *b)
{
	char tmp[64];
	size_t k = sizeof(tmp);

	while (v > 0 && k > 0) {
		v -= 1;
		tmp[--k] = (char) ((upper ? 'A' : 'a') + (int) fmod(v, 26));
		v = floor(v / 26);
	}
	sfn_buf_add(b, tmp + k, sizeof(tmp) - k);
}

static void put_cp(unsigned long ch, struct sfn_buf *b)
{
	char u[4];

	sfn_buf_add(b, u, Sfn_jn_utf8_put(ch, u));
}

static const char *suffix(double v)
{
	double m100 = fmod(v, 100), m10 = fmod(v, 10);

	if (m100 >= 11 && m100 <= 13)
		return "th";
	return m10 == 1 ? "st" : m10 == 2 ? "nd" : m10 == 3 ? "rd" : "th";
}

/* Whether a separator stands before the digit at place I (from the
 * right, 0 the last digit). */
static long separator_at(const struct jn_ipic *p, size_t i)
{
	if (i == 0)
		return -1;
	if (p->regular > 0)
		return i % p->regular == 0 ? (long) p->group_ch[0] : -1;
	for (size_t g = 0; g < p->ngroups; g++) {
		if (p->group_pos[g] == i)
			return (long) p->group_ch[g];
	}
	return -1;
}

static void digits(double v, const struct jn_ipic *p, struct sfn_buf *b)
{
	char text[400];
	size_t n, width;
	long sep;

	snprintf(text, sizeof(text), "%.0f", v);
	n = strlen(text);
	width = n > p->mandatory ? n : p->mandatory;
	for (size_t i = width; i-- > 0;) {
		size_t k = width - 1 - i; /* index into the padded text */
		char d = k < width - n ? '0' : text[k - (width - n)];

		put_cp(p->zero + (unsigned long) (d - '0'), b);
		sep = separator_at(p, i);
		if (sep >= 0 && i > 0)
			put_cp((unsigned long) sep, b);
	}
	if (p->ordinal)
		sfn_buf_adds(b, suffix(v));
}

void Sfn_jn_pic_format(double v, const struct jn_ipic *p, struct sfn_buf *b)
{
	size_t from;

	if (v < 0) {
		sfn_buf_addc(b, '-');
		v = -v;
	}
	v = floor(v);
	from = b->len;
	switch (p->kind) {
	case PIC_LETTERS:
		letters(v, p->upper, b);
		break;
	case PIC_ROMAN:
		if (v < ROMAN_MAX) {
			roman(v, p->upper, b);
		} else {
			struct jn_ipic plain = { .zero = '0' };

			digits(v, &plain, b);
		}
		break;
	case PIC_WORDS:
		words(v, 0, p->ordinal, b);
		recase(b, from, p);
		break;
	default:
		digits(v, p, b);
		break;
	}
}

static double read_roman(const unsigned long *s, size_t n)
{
	static const char sym[] = "ivxlcdm";
	static const int val[] = { 1, 5, 10, 50, 100, 500, 1000 };
	double total = 0;

	for (size_t i = 0; i < n; i++) {
		const char *p = s[i] < 0x80 && s[i] != 0
		                        ? strchr(sym, (int) (s[i] | 0x20))
		                        : NULL;
		const char *q = i + 1 < n && s[i + 1] < 0x80 && s[i + 1] != 0
		                        ? strchr(sym, (int) (s[i + 1] | 0x20))
		                        : NULL;
		int v = p != NULL ? val[p - sym] : 0;

		if (q != NULL && val[q - sym] > v)
			total -= v;
		else
			total += v;
	}
	return total;
}

static double read_letters(const unsigned long *s, size_t n)
{
	double v = 0;

	for (size_t i = 0; i < n; i++)
		v = v * 26 + (double) ((s[i] | 0x20) - 'a' + 1);
	return v;
}

static const struct {
	const char *word;
	double value;
} word_values[] = {
	{ "hundred", 100 },     { "hundredth", 100 }, { "thousand", 1e3 },
	{ "thousandth", 1e3 },  { "million", 1e6 },   { "millionth", 1e6 },
	{ "billion", 1e9 },     { "billionth", 1e9 }, { "trillion", 1e12 },
	{ "trillionth", 1e12 },
};

static int word_is(const char *w, size_t len, const char *name)
{
	size_t n = strlen(name);

	if (n != len)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if ((w[i] | 0x20) != (name[i] | 0x20))
			return 0;
	}
	return 1;
}

static double word_value(const char *w, size_t len)
{
	for (int i = 0; i < 20; i++) {
		if (word_is(w, len, few[i]) || word_is(w, len, few_ord[i]))
			return i;
	}
	for (int i = 0; i < 8; i++) {
		if (word_is(w, len, decades[i]) ||
		    word_is(w, len, decades_ord[i]))
			return 20 + 10 * i;
	}
	for (size_t i = 0; i < sizeof(word_values) / sizeof(word_values[0]);
	     i++) {
		if (word_is(w, len, word_values[i].word))
			return word_values[i].value;
	}
	return NAN;
}

/* Adds the value of one word to the running segments, as the reference's
 * wordsToNumber does. */
static void add_word(double v, double *segs, size_t *n)
{
	double top;

	if (v < 100) {
		top = segs[--*n];
		if (top >= 1000) {
			(*n)++;
			top = 0;
		}
		segs[(*n)++] = top + v;
	} else {
		segs[*n - 1] *= v;
	}
}

static double read_words(const unsigned long *s, size_t n)
{
	double segs[64] = { 0 }, total = 0;
	size_t nseg = 1, start = 0;
	char w[64];

	for (size_t i = 0; i <= n; i++) {
		int end = i == n || s[i] == ' ' || s[i] == '-' || s[i] == ',';

		if (!end)
			continue;
		if (i > start && i - start < sizeof(w)) {
			for (size_t k = start; k < i; k++)
				w[k - start] = (char) s[k];
			if (!word_is(w, i - start, "and") && nseg < 63)
				add_word(word_value(w, i - start), segs, &nseg);
		}
		start = i + 1;
	}
	for (size_t i = 0; i < nseg; i++)
		total += segs[i];
	return total;
}

double Sfn_jn_pic_read(const unsigned long *s, size_t n,
                       const struct jn_ipic *pic)
{
	double v = 0;

	switch (pic->kind) {
	case PIC_ROMAN:
		return read_roman(s, n);
	case PIC_LETTERS:
		return read_letters(s, n);
	case PIC_WORDS:
		return read_words(s, n);
	default:
		break;
	}
	for (size_t i = 0; i < n; i++) {
		long d = Sfn_jn_pic_digit(s[i], NULL);

		if (d >= 0)
			v = v * 10 + (double) d;
	}
	return v;
}

void Sfn_jn_pic_words_regex(struct sfn_buf *b)
{
	sfn_buf_adds(b, "(?:");
	for (int i = 0; i < 20; i++)
		sfn_buf_printf(b, "%s|%s|", few[i], few_ord[i]);
	for (int i = 0; i < 8; i++)
		sfn_buf_printf(b, "%s|%s|", decades[i], decades_ord[i]);
	for (size_t i = 0; i < sizeof(word_values) / sizeof(word_values[0]);
	     i++)
		sfn_buf_printf(b, "%s|", word_values[i].word);
	sfn_buf_adds(b, "and|[\\-, ])+");
}
