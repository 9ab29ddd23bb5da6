/* Resolution of the parent operator '%' while the tree is processed.
 * Private to src/jsonata. */
#ifndef SFN_JSONATA_ANCESTRY_H
#define SFN_JSONATA_ANCESTRY_H

#include "jsonata/jsonata_int.h"

/* Gives the '%' node PARENT a new slot. */
int Sfn_jn_parent_slot(struct jn_ctx *c, struct jn_node *parent);
/* RESULT seeks the parents VALUE seeks (and VALUE itself, a '%'). */
int Sfn_jn_push_ancestry(struct jn_ctx *c, struct jn_node *result,
                         struct jn_node *value);
/* Finds in NODE the step SLOT denotes (S0217 when there is none). */
int Sfn_jn_seek_parent(struct jn_ctx *c, struct jn_node *node,
                       struct jn_slot *slot);
/* Resolves the slots the last step of PATH seeks against its earlier
 * steps; the rest stay sought by PATH. */
int Sfn_jn_resolve_ancestry(struct jn_ctx *c, struct jn_node *path);

#endif
