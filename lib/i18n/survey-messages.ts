import { translator } from './message-format';
import { surveys } from './surveys';

/**
 * The surveys catalogue alone, for what the public survey function renders and
 * writes (the page, the greeting, the answer's timeline entry): it loads neither
 * the other features' catalogues nor their Slack texts. Same messages as `t`.
 */
export const tSurvey = translator(surveys);
