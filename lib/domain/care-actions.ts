/**
 * What a care task asks the owner to do. Apart from care.ts so the settings can
 * name them without loading the care rules (and the lunar calendar behind them).
 * `call` joins the four actions of the sources: most return visits (回访) are phone calls.
 */
export const careActions = ['card', 'sms', 'gift', 'visit', 'call'] as const;
export type CareAction = (typeof careActions)[number];
