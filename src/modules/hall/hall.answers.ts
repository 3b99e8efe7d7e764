import type { FieldCipher } from '../../platform/crypto/field-crypto.js';
import type { Answers } from './hall.deps.js';

/**
 * A case's answers hold ID numbers, phone numbers and addresses, so they are
 * encrypted at rest as one value (DESIGN §4 "Sensitive data"): the jsonb column
 * holds `{ "$enc": "<FieldCipher ciphertext of the JSON>" }`. Nothing queries
 * inside the answers; the facets the queues need (applicant name, region) are
 * columns of their own.
 */
export interface SealedAnswers {
  $enc: string;
}

export const sealAnswers = (cipher: FieldCipher, answers: Answers): SealedAnswers => ({ $enc: cipher.encrypt(JSON.stringify(answers)) });

/** The answers of a row as stored: sealed, or an empty object (a draft nobody has filled yet). */
export function answersOf(cipher: FieldCipher, row: { answers: unknown }): Answers {
  const v = row.answers;
  if (v && typeof v === 'object' && '$enc' in v && typeof (v as SealedAnswers).$enc === 'string') return JSON.parse(cipher.decrypt((v as SealedAnswers).$enc)) as Answers;
  return (v ?? {}) as Answers;
}
