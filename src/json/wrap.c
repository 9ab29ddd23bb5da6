/* Documents for trees built in memory (a compiler's output): the producer
 * hands over the tree and says where each node came from in its own
 * source, so findings on the tree point there. Knows nothing of what the
 * producer compiled. */
#include "config.h"

#include "json/doc.h"

struct sfn_json_doc *sfn_json_doc_wrap_take(cJSON *root, const char *file)
{
	struct sfn_json_doc *doc = Sfn_json_doc_new(file);

	if (doc == NULL) {
		cJSON_Delete(root);
		return NULL;
	}
	doc->root = root; /* not in_arena: cJSON_Delete frees it */
	return doc;
}

struct sfn_json_doc *sfn_json_doc_wrap_borrow(const cJSON *root,
                                              const char *file)
{
	struct sfn_json_doc *doc = Sfn_json_doc_new(file);

	if (doc != NULL) {
		doc->root = (cJSON *) root; /* read-only, as every doc's */
		doc->borrowed = 1;
	}
	return doc;
}

enum sfn_status sfn_json_doc_set_span(struct sfn_json_doc *doc,
                                      const cJSON *node,
                                      const struct sfn_span *value,
                                      const struct sfn_span *key)
{
	if (doc->in_arena || node == NULL || value == NULL)
		return SFN_ERR_USAGE;
	return Sfn_locmap_put(&doc->locs, node, value, key);
}

enum sfn_status sfn_json_doc_reserve_spans(struct sfn_json_doc *doc, size_t n)
{
	if (doc->in_arena)
		return SFN_ERR_USAGE;
	if (n > (size_t) -1 - doc->locs.count)
		return SFN_ERR_LIMIT;
	return Sfn_locmap_reserve(&doc->locs, doc->locs.count + n);
}
