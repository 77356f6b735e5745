import * as z from 'zod';
import { isDay } from './calendar';

/**
 * The window of dates the product reasons about. Outside it day arithmetic
 * wraps (year 0/1), lists span centuries and a contact "in 2099" would hold
 * dormancy off for decades, so inputs are refused at the edge instead.
 */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

const yearInWindow = (s: string) => {
  const year = Number(s.slice(0, 4));
  return /^\d{4}/.test(s) && year >= MIN_YEAR && year <= MAX_YEAR;
};
const windowMessage = `must be within the years ${MIN_YEAR}–${MAX_YEAR}`;

/** A calendar day `YYYY-MM-DD` inside the window. */
export const windowDay = z.string().refine(isDay, 'must be a date YYYY-MM-DD').refine(yearInWindow, windowMessage);

/** An ISO 8601 date-time with offset inside the window. */
export const windowInstant = z.iso.datetime({ offset: true }).refine(yearInWindow, windowMessage);

/** Longest id accepted anywhere (path, query or body): DynamoDB keys stop at 1–2 KB, our ids are far shorter. */
export const MAX_ID_LENGTH = 128;
