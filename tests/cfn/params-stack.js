// One stack with three CfnParameters (a string with a default, a
// description and allowed values, a number with a default and allowed
// values, a string without either), used in a Pass state's
// parameters and in a Bedrock task's body: the Parameters and the
// DefinitionString CDK 2.115.0 writes around their references. Made
// tests/cfn/cdk/Params.template.json:
//   NODE_PATH=<aws-cdk-lib 2.115.0>/node_modules node params-stack.js OUTDIR
// (../shared/reference/peers/setup.sh installs it; the app as cdk-app.js
// makes it.)
'use strict';
const cdk = require('aws-cdk-lib');
const { newApp } = require('./cdk-app');
const bedrock = require('aws-cdk-lib/aws-bedrock');
const sfn = require('aws-cdk-lib/aws-stepfunctions');
const tasks = require('aws-cdk-lib/aws-stepfunctions-tasks');
const app = newApp();
const s = new cdk.Stack(app, 'Params');
const env = new cdk.CfnParameter(s, 'Environment', { type: 'String', default: 'dev',
  description: 'The stage "dev" or "prod"', allowedValues: ['dev', 'prod'] });
const size = new cdk.CfnParameter(s, 'BatchSize', { type: 'Number', default: 10,
  // numbers, as the Default is: strings would fail cfn-lint's E2015
  allowedValues: [10, 20, 2.5] });
const owner = new cdk.CfnParameter(s, 'Owner', { type: 'String' });
const model = bedrock.FoundationModel.fromFoundationModelId(s, 'Model',
  bedrock.FoundationModelIdentifier.ANTHROPIC_CLAUDE_INSTANT_V1);
const chain = new sfn.Pass(s, 'Tag', {
  parameters: { env: env.valueAsString, size: size.valueAsNumber, owner: owner.valueAsString,
    nested: { list: [env.valueAsString, 'x'] }, 'id.$': '$.id' },
}).next(new tasks.BedrockInvokeModel(s, 'Ask', {
  model,
  body: sfn.TaskInput.fromObject({ prompt: owner.valueAsString, max_tokens_to_sample: size.valueAsNumber }),
}));
const machine = new sfn.StateMachine(s, 'StateMachine', { definitionBody: sfn.DefinitionBody.fromChainable(chain) });
new cdk.CfnOutput(s, 'StateMachineArn', { value: machine.stateMachineArn });
app.synth();
