import { subscribe } from '../events';
import { countMetric, productMetric } from '../product-metrics';

/** Domain events are published after their change commits, so each counts exactly what happened. */
subscribe('complaint.opened', async () => countMetric(productMetric.complaintsOpened));
subscribe('complaint.resolved', async () => countMetric(productMetric.complaintsResolved));
subscribe('care.task_done', async () => countMetric(productMetric.careTasksDone));
subscribe('survey.answered', async () => countMetric(productMetric.surveysAnswered));
