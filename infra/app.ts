import { createCareLoopApp } from './careloop-app';

/** `npm run synth` / `cdk deploy` entry (cdk.json). Options come as CDK context: `-c companyTimeZone=Europe/Berlin`. */
createCareLoopApp().app.synth();
