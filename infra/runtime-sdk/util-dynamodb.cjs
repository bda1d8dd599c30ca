const runtimeSdkPackage = '@aws-sdk/util-dynamodb'; // see infra/bundling.ts, RUNTIME_SDK_ALIASES
module.exports = Object.create(require(runtimeSdkPackage));
