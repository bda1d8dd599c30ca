const runtimeSdkPackage = '@aws-sdk/lib-dynamodb'; // see infra/bundling.ts, RUNTIME_SDK_ALIASES
module.exports = Object.create(require(runtimeSdkPackage));
