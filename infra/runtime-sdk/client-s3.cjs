const runtimeSdkPackage = '@aws-sdk/client-s3'; // see infra/bundling.ts, RUNTIME_SDK_ALIASES
module.exports = Object.create(require(runtimeSdkPackage));
