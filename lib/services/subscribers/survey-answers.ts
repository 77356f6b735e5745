import { subscribe } from '../events';
import { followUpSurveyAnswer } from '../survey-follow-ups';

// A complaint follow-up's verdict and the owner's low-score alert, after the answer's commit.
subscribe('survey.answered', followUpSurveyAnswer);
