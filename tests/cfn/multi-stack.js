// One stack whose machine has several tasks, two of them on the same
// function and two on the same table: the default policy CDK 2.115.0
// writes once its statements are merged (@aws-cdk/aws-iam:minimizePolicies,
// on in new projects). Made tests/cfn/cdk/Multi.template.json:
//   NODE_PATH=<aws-cdk-lib 2.115.0>/node_modules node multi-stack.js OUTDIR
// (../shared/reference/peers/setup.sh installs it; the app as cdk-app.js
// makes it.)
'use strict';
const cdk = require('aws-cdk-lib');
const { newApp } = require('./cdk-app');
const sfn = require('aws-cdk-lib/aws-stepfunctions');
const tasks = require('aws-cdk-lib/aws-stepfunctions-tasks');
const lambda = require('aws-cdk-lib/aws-lambda');
const sns = require('aws-cdk-lib/aws-sns');
const A='123456789012', R='us-east-1';
const app = newApp();
const s = new cdk.Stack(app, 'Multi');
const f1 = lambda.Function.fromFunctionArn(s, 'F1', `arn:aws:lambda:${R}:${A}:function:one`);
const f2 = lambda.Function.fromFunctionArn(s, 'F2', `arn:aws:lambda:${R}:${A}:function:two`);
const t1 = sns.Topic.fromTopicArn(s, 'T1', `arn:aws:sns:${R}:${A}:zz`);
const t2 = sns.Topic.fromTopicArn(s, 'T2', `arn:aws:sns:${R}:${A}:b`);
const ddb = require('aws-cdk-lib/aws-dynamodb');
const tb = ddb.Table.fromTableArn(s, 'Tb', `arn:aws:dynamodb:${R}:${A}:table/jokes`);
const key = { pk: tasks.DynamoAttributeValue.fromString(sfn.JsonPath.stringAt('$.id')) };
const chain = new tasks.LambdaInvoke(s, 'One', { lambdaFunction: f1 })
  .next(new tasks.SnsPublish(s, 'PubA', { topic: t1, message: sfn.TaskInput.fromJsonPathAt('$.x') }))
  .next(new tasks.LambdaInvoke(s, 'Two', { lambdaFunction: f2 }))
  .next(new tasks.SnsPublish(s, 'PubB', { topic: t2, message: sfn.TaskInput.fromJsonPathAt('$.x') }))
  .next(new tasks.LambdaInvoke(s, 'OneAgain', { lambdaFunction: f1 }))
  .next(new tasks.DynamoPutItem(s, 'Put', { table: tb, item: key }))
  .next(new tasks.DynamoGetItem(s, 'Get', { table: tb, key }));
const machine = new sfn.StateMachine(s, 'StateMachine', { definitionBody: sfn.DefinitionBody.fromChainable(chain) });
new cdk.CfnOutput(s, 'StateMachineArn', { value: machine.stateMachineArn });
app.synth();
