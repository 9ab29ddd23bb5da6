/* The renderers behind sfn_diags_render, one file each. */
#ifndef SFN_DIAG_RENDER_H
#define SFN_DIAG_RENDER_H

#include <cjson/cJSON.h>

#include "sfn/diag.h"

void sfn_render_text(const struct sfn_diags *diags,
                     const struct sfn_render_opts *opts, struct sfn_buf *out);
void sfn_render_json(const struct sfn_diags *diags,
                     const struct sfn_render_opts *opts, struct sfn_buf *out);
void sfn_render_sarif(const struct sfn_diags *diags,
                      const struct sfn_render_opts *opts, struct sfn_buf *out);
void sfn_render_github(const struct sfn_diags *diags,
                       const struct sfn_render_opts *opts, struct sfn_buf *out);

/* Prints TREE pretty into OUT and frees it; a NULL TREE (cJSON ran out of
 * memory building it) marks OUT as failed. */
void sfn_render_json_tree_take(cJSON *tree, struct sfn_buf *out);

#endif
