/* The lowered definition's nodes: cJSON values made in the compilation's
 * arena, strings borrowed from the .sfn tree or static words unless
 * copied, so that a machine of thousands of states costs no malloc a
 * node and its release costs nothing (the arena goes at once). Such a
 * tree is read-only and never given to cJSON_Delete; cJSON_Duplicate
 * makes one of cJSON's own. Knows nothing of ASL. */
#include "config.h"

#include <limits.h>
#include <string.h>

#include "lang/lang_int.h"

cJSON *Sfn_lang_tree_new(struct sfn_arena *arena, int type)
{
	cJSON *n = sfn_arena_alloc_raw(arena, sizeof(*n));

	if (n != NULL)
		*n = (cJSON){ .type = type };
	return n;
}

cJSON *Sfn_lang_tree_string(struct sfn_arena *arena, const char *s)
{
	cJSON *n = s != NULL ? Sfn_lang_tree_new(arena, cJSON_String) : NULL;

	if (n != NULL)
		n->valuestring = (char *) s; /* read-only: never written */
	return n;
}

cJSON *Sfn_lang_tree_copy(struct sfn_arena *arena, const char *s)
{
	return Sfn_lang_tree_string(
	        arena, s != NULL ? sfn_arena_strdup(arena, s) : NULL);
}

/* cJSON keeps an int beside the double, saturated at the int range. */
cJSON *Sfn_lang_tree_number(struct sfn_arena *arena, double d)
{
	cJSON *n = Sfn_lang_tree_new(arena, cJSON_Number);

	if (n == NULL)
		return NULL;
	n->valuedouble = d;
	n->valueint = d >= INT_MAX ? INT_MAX : d <= INT_MIN ? INT_MIN : (int) d;
	return n;
}

cJSON *Sfn_lang_tree_bool(struct sfn_arena *arena, int b)
{
	return Sfn_lang_tree_new(arena, b ? cJSON_True : cJSON_False);
}

/* As cJSON links children: the first one's prev is the last one. */
int Sfn_lang_tree_push(cJSON *parent, cJSON *item)
{
	cJSON *first;

	if (parent == NULL || item == NULL)
		return 0;
	first = parent->child;
	item->next = NULL;
	if (first == NULL) {
		parent->child = item;
		item->prev = item;
	} else {
		first->prev->next = item;
		item->prev = first->prev;
		first->prev = item;
	}
	return 1;
}

int Sfn_lang_tree_put(cJSON *obj, const char *key, cJSON *item)
{
	if (item == NULL || key == NULL)
		return 0;
	item->string = (char *) key; /* read-only: never written */
	return Sfn_lang_tree_push(obj, item);
}
