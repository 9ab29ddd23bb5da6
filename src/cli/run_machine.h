/* sfnc run and sfnc serve: the definition a file holds (an ASL file, a
 * state machine of a CloudFormation template, or of a .sfn file) and the
 * machine's name. */
#ifndef SFN_CLI_RUN_MACHINE_H
#define SFN_CLI_RUN_MACHINE_H

#include "cli/cli.h"

struct run_machine {
	const char *file;                       /* as given */
	struct sfn_json_doc *doc;               /* the file, parsed (owned) */
	struct sfn_json_doc *def_doc;           /* a DefinitionString (owned) */
	const struct sfn_json_doc *doc_for_def; /* DOC or DEF_DOC */
	const cJSON *def;                       /* the definition object */
	int template;                           /* it came from a template */
	char name[256];                         /* the machine's name */
	char def_name[512];                     /* DEF_DOC's file name */
};

/* Reads FILE (kept in SOURCES) for its machines into *SRC and RM
 * (RM->file): a .sfn file is left to sfn_run_machine_compile (RM->doc
 * NULL), any other is parsed into RM->doc, its findings added to DIAGS.
 * Reports a failure other than findings itself; 0 on any failure. */
int sfn_run_machine_read(const struct cli_command *cmd,
                         struct cli_sources *sources, const char *file,
                         struct run_machine *rm, struct sfn_diags *diags,
                         const struct sfn_source **src);
/* Whether the template resource RES is a state machine
 * (AWS::StepFunctions::StateMachine or AWS::Serverless::StateMachine). */
int sfn_run_machine_is_resource(const cJSON *res);
/* Sets RM->def, doc_for_def and name from RM->doc, read from RM->file;
 * WANT is --machine (NULL: the only one). Reports failures; 0 then. */
int sfn_run_machine_find(const struct cli_command *cmd, struct run_machine *rm,
                         const char *want);
/* The same for SRC, a .sfn file: compiled in memory, its findings added
 * to DIAGS; the machine named WANT (NULL: the only one), named as in the
 * file. Reports failures; 0 then (with findings in DIAGS, or a line). */
int sfn_run_machine_compile(const struct cli_command *cmd,
                            struct run_machine *rm,
                            const struct sfn_source *src, const char *want,
                            struct sfn_diags *diags);

#endif
