import { createHash, randomBytes } from 'node:crypto';

/**
 * Survey links: 24 random bytes (192 bits) in base64url, never derived from an
 * id, so a link cannot be guessed or enumerated. Only the SHA-256 of a token
 * is stored; the token itself exists in the link alone.
 */
export const newSurveyToken = (): string => randomBytes(24).toString('base64url');

export const hashSurveyToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** 24 bytes are 32 base64url characters; anything else cannot be ours and costs no read. */
export const isWellFormedToken = (token: string): boolean => /^[A-Za-z0-9_-]{32}$/.test(token);

export const surveyLink = (publicBaseUrl: string, token: string): string => `${publicBaseUrl.replace(/\/$/, '')}/s/${token}`;
