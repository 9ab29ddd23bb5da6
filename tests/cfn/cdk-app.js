// What the reference generators here share: a CDK App synthesized as
// ../shared/reference/peers/integrations-stack.js does it (no context
// from the environment, the new-project feature flags, path metadata on,
// a fixed JSII agent), writing to OUTDIR (argv[2], else cdk.out).
// EXTRA_CONTEXT adds flags a stack needs.
'use strict';

function newApp(extraContext) {
  process.env.JSII_AGENT = 'node.js/v20.20.2';
  for (const v of ['CDK_CONTEXT_JSON', 'CDK_OUTDIR', 'CDK_DEFAULT_ACCOUNT', 'CDK_DEFAULT_REGION']) delete process.env[v];
  const cdk = require('aws-cdk-lib');
  const cxapi = require('aws-cdk-lib/cx-api');
  const context = {
    [cxapi.PATH_METADATA_ENABLE_CONTEXT]: true,
    [cxapi.ASSET_RESOURCE_METADATA_ENABLED_CONTEXT]: true,
    [cxapi.ANALYTICS_REPORTING_ENABLED_CONTEXT]: true,
    [cxapi.BUNDLING_STACKS]: ['**'],
    [cxapi.DISABLE_METADATA_STACK_TRACE]: true,
    ...cxapi.NEW_PROJECT_CONTEXT,
    ...(extraContext || {}),
  };
  return new cdk.App({ outdir: process.argv[2] || 'cdk.out', context });
}

module.exports = { newApp };
