/* The renderers behind sfn_diags_render, one file each. */
#ifndef SFN_DIAG_RENDER_H
#define SFN_DIAG_RENDER_H

#include <cjson/cJSON.h>

#include "sfn/diag.h"

void Sfn_render_text(const struct sfn_diags *diags,
                     const struct sfn_render_opts *opts, struct sfn_buf *out);
void Sfn_render_json(const struct sfn_diags *diags,
                     const struct sfn_render_opts *opts, struct sfn_buf *out);
void Sfn_render_sarif(const struct sfn_diags *diags,
                      const struct sfn_render_opts *opts, struct sfn_buf *out);
void Sfn_render_github(const struct sfn_diags *diags,
                       const struct sfn_render_opts *opts, struct sfn_buf *out);

/* Prints TREE pretty into OUT and frees it; a NULL TREE (cJSON ran out of
 * memory building it) marks OUT as failed. */
void Sfn_render_json_tree_take(cJSON *tree, struct sfn_buf *out);

/* Building a tree with cJSON, whose calls fail for want of memory: each
 * result goes through one of these, which clear *OK on a failure, so
 * that a tree with a piece missing is never printed. Sfn_render_got
 * returns ITEM. Sfn_render_added takes what cJSON_AddItemTo* returned
 * for *ITEM: on failure it deletes *ITEM and sets it to NULL (the cJSON
 * calls that follow take NULL and do nothing). */
cJSON *Sfn_render_got(cJSON *item, int *ok);
void Sfn_render_added(cJSON_bool done, cJSON **item, int *ok);

#endif
