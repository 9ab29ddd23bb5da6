// One stack whose tasks reach resources given by CfnParameters: a Lambda
// function, an SNS topic, a child state machine and an event bus by ARN,
// a DynamoDB table by name. The default policy CDK 2.115.0 writes for them ({"Ref":
// P} and Fn::Join around it, the child's executions through Fn::Select
// of its ARN) and the references in the DefinitionString. Made
// tests/cfn/cdk/ParamResources.template.json:
//   NODE_PATH=<aws-cdk-lib 2.115.0>/node_modules node param-resources-stack.js OUTDIR
// (../shared/reference/peers/setup.sh installs it; the app as cdk-app.js
// makes it.)
'use strict';
const cdk = require('aws-cdk-lib');
const { newApp } = require('./cdk-app');
const sfn = require('aws-cdk-lib/aws-stepfunctions');
const tasks = require('aws-cdk-lib/aws-stepfunctions-tasks');
const lambda = require('aws-cdk-lib/aws-lambda');
const sns = require('aws-cdk-lib/aws-sns');
const ddb = require('aws-cdk-lib/aws-dynamodb');
const events = require('aws-cdk-lib/aws-events');
const app = newApp();
const s = new cdk.Stack(app, 'ParamResources');
const fn = new cdk.CfnParameter(s, 'FunctionArn', { type: 'String' });
const topic = new cdk.CfnParameter(s, 'TopicArn', { type: 'String' });
const table = new cdk.CfnParameter(s, 'TableName', { type: 'String' });
const child = new cdk.CfnParameter(s, 'ChildArn', { type: 'String' });
const bus = new cdk.CfnParameter(s, 'BusArn', { type: 'String' });
const key = { pk: tasks.DynamoAttributeValue.fromString(sfn.JsonPath.stringAt('$.id')) };
const chain = new tasks.LambdaInvoke(s, 'Call', {
  lambdaFunction: lambda.Function.fromFunctionArn(s, 'Fn', fn.valueAsString),
  retryOnServiceExceptions: false,
}).next(new tasks.SnsPublish(s, 'Publish', {
  topic: sns.Topic.fromTopicArn(s, 'Topic', topic.valueAsString),
  message: sfn.TaskInput.fromJsonPathAt('$.x'),
})).next(new tasks.DynamoGetItem(s, 'Get', {
  table: ddb.Table.fromTableName(s, 'Table', table.valueAsString), key,
})).next(new tasks.StepFunctionsStartExecution(s, 'Start', {
  stateMachine: sfn.StateMachine.fromStateMachineArn(s, 'Child', child.valueAsString),
  integrationPattern: sfn.IntegrationPattern.RUN_JOB,
  input: sfn.TaskInput.fromJsonPathAt('$'),
})).next(new tasks.EventBridgePutEvents(s, 'Put', {
  entries: [{ detail: sfn.TaskInput.fromJsonPathAt('$'), detailType: 'Told', source: 'app',
              eventBus: events.EventBus.fromEventBusArn(s, 'Bus', bus.valueAsString) }],
}));
const machine = new sfn.StateMachine(s, 'StateMachine', { definitionBody: sfn.DefinitionBody.fromChainable(chain) });
new cdk.CfnOutput(s, 'StateMachineArn', { value: machine.stateMachineArn });
app.synth();
