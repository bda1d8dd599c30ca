const runtimeSdkPackage = '@aws-sdk/client-secrets-manager'; // see infra/bundling.ts, RUNTIME_SDK_ALIASES
module.exports = Object.create(require(runtimeSdkPackage));
