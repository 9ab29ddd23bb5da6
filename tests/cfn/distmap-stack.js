// One stack per S3 form of a distributed Map (ItemReader: ListObjectsV2,
// a JSON and a CSV object; ResultWriter: PutObject), for the policy CDK
// grants for them. CDK 2.115.0 has no DistributedMap construct, so these
// come from the newest CDK (ResultWriterV2 behind its feature flag), as do
// the DistributedMapPolicy statements on the machine itself. Made
// tests/cfn/cdk/DistributedMap*.template.json:
//   NODE_PATH=<newest aws-cdk-lib>/node_modules node distmap-stack.js OUTDIR
// (../shared/reference/peers/setup.sh installs it as cdk-latest; the app
// as cdk-app.js makes it.)
const cdk = require('aws-cdk-lib');
const { newApp } = require('./cdk-app');
const sfn = require('aws-cdk-lib/aws-stepfunctions');
const s3 = require('aws-cdk-lib/aws-s3');
const app = newApp({
  '@aws-cdk/aws-stepfunctions:useDistributedMapResultWriterV2': true,
});
const cases = {
  DistributedMapObjects: (s, b) => ({ itemReader: new sfn.S3ObjectsItemReader({ bucket: b, prefix: 'in/' }) }),
  DistributedMapJson: (s, b) => ({ itemReader: new sfn.S3JsonItemReader({ bucket: b, key: 'items.json' }) }),
  DistributedMapCsv: (s, b) => ({ label: 'rows', itemReader: new sfn.S3CsvItemReader({ bucket: b, key: 'items.csv' }) }),
  DistributedMapWriter: (s, b) => ({ itemReader: new sfn.S3JsonItemReader({ bucket: b, key: 'items.json' }),
    resultWriterV2: new sfn.ResultWriterV2({ bucket: s3.Bucket.fromBucketName(s, 'Out', 'results'), prefix: 'out/' }) }),
};
for (const [name, make] of Object.entries(cases)) {
  const s = new cdk.Stack(app, name);
  const b = s3.Bucket.fromBucketName(s, 'Bucket', 'items');
  const map = new sfn.DistributedMap(s, 'Each', make(s, b));
  map.itemProcessor(new sfn.Pass(s, 'One'));
  const machine = new sfn.StateMachine(s, 'StateMachine', { definitionBody: sfn.DefinitionBody.fromChainable(map) });
  new cdk.CfnOutput(s, 'StateMachineArn', { value: machine.stateMachineArn });
}
app.synth();
