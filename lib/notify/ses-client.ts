/**
 * The two SES exports the email sender uses, behind one module so that
 * ses-email.ts can load them on first use and the bundler still drops the
 * client's other commands (a dynamic import of the package would keep them all).
 */
export { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
